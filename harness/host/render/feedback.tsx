// Feedback and status: SectionMessage, SectionMessageAction, Spinner, EmptyState, ProgressBar, Tooltip.
import React from 'react';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import EmptyState from '@atlaskit/empty-state';
import ProgressBar from '@atlaskit/progress-bar';
import Tooltip from '@atlaskit/tooltip';
import { call, defined, elementToDocs, renderChildren, renderNode, renderProp, serialisableEvent } from './core';
import type { NodeComponent } from './types';

export const feedbackComponents: Record<string, NodeComponent> = {
  SectionMessage: ({ node }) => {
    const p = node.props;
    // `actions` holds SectionMessageAction elements; Atlaskit wants an array of elements to list.
    const actions = p.actions
      ? elementToDocs(p.actions, `${node.key}.actions`).map((doc, i) => <React.Fragment key={doc.key ?? i}>{renderNode(doc, i)}</React.Fragment>)
      : undefined;
    return (
      <SectionMessage {...defined({ appearance: p.appearance, title: p.title, testId: p.testId, actions })}>
        {renderChildren(node)}
      </SectionMessage>
    );
  },

  SectionMessageAction: ({ node }) => {
    const p = node.props;
    return (
      <SectionMessageAction
        {...defined({ href: p.href, testId: p.testId })}
        {...(p.onClick ? { onClick: (event: React.MouseEvent<HTMLElement>) => call(p.onClick, serialisableEvent(event)) } : {})}
      >
        {renderChildren(node)}
      </SectionMessageAction>
    );
  },

  Spinner: ({ node }) => {
    const p = node.props;
    return <Spinner {...defined({ size: p.size, label: p.label, appearance: p.appearance, delay: p.delay, testId: p.testId })} />;
  },

  EmptyState: ({ node }) => {
    const p = node.props;
    return (
      <EmptyState
        header={String(p.header ?? '')}
        {...defined({
          description: renderProp(p.description, `${node.key}.description`),
          headingLevel: p.headingLevel,
          isLoading: p.isLoading,
          width: p.width,
          buttonGroupLabel: p.buttonGroupLabel,
          testId: p.testId,
          primaryAction: renderProp(p.primaryAction, `${node.key}.primary`),
          secondaryAction: renderProp(p.secondaryAction, `${node.key}.secondary`),
          tertiaryAction: renderProp(p.tertiaryAction, `${node.key}.tertiary`),
        })}
      />
    );
  },

  ProgressBar: ({ node }) => {
    const p = node.props;
    return <ProgressBar {...defined({ value: p.value, isIndeterminate: p.isIndeterminate, appearance: p.appearance, ariaLabel: p.ariaLabel, testId: p.testId })} />;
  },

  Tooltip: ({ node }) => {
    const p = node.props;
    return (
      <Tooltip
        content={renderProp(p.content, `${node.key}.content`) ?? ''}
        {...defined({ position: p.position, mousePosition: p.mousePosition, truncate: p.truncate, delay: p.delay, testId: p.testId })}
      >
        <span data-forge-type="Tooltip">{renderChildren(node)}</span>
      </Tooltip>
    );
  },
};
