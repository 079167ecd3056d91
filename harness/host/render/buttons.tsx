// Button, LoadingButton, ButtonGroup.
import React from 'react';
import Button from '@atlaskit/button/new';
import ButtonGroup from '@atlaskit/button/button-group';
import { call, defined, renderChildren, serialisableEvent } from './core';
import { iconFor } from './icon';
import type { ForgeDoc, NodeComponent } from './types';

const glyphIcon = (glyph: unknown) =>
  typeof glyph === 'string' ? (props: { label: string; color?: string }) => iconFor(glyph, { label: props.label, color: props.color }) : undefined;

function AppButton({ node, isLoading }: { node: ForgeDoc; isLoading?: boolean }) {
  const p = node.props;
  return (
    <Button
      {...defined({
        appearance: p.appearance,
        isDisabled: p.isDisabled,
        isSelected: p.isSelected,
        shouldFitContainer: p.shouldFitContainer,
        autoFocus: p.autoFocus,
        type: p.type,
        testId: p.testId,
        // The new Button has no 'none' spacing; compact is the closest.
        spacing: p.spacing === 'none' ? 'compact' : p.spacing,
        iconBefore: glyphIcon(p.iconBefore),
        iconAfter: glyphIcon(p.iconAfter),
        isLoading,
      })}
      onClick={(event) => call(p.onClick, serialisableEvent(event))}
      onBlur={(event) => call(p.onBlur, serialisableEvent(event))}
      onFocus={(event) => call(p.onFocus, serialisableEvent(event))}
    >
      {renderChildren(node)}
    </Button>
  );
}

export const buttonComponents: Record<string, NodeComponent> = {
  Button: ({ node }) => <AppButton node={node} />,
  LoadingButton: ({ node }) => <AppButton node={node} isLoading={Boolean(node.props.isLoading)} />,
  ButtonGroup: ({ node }) => {
    const p = node.props;
    return <ButtonGroup {...defined({ label: p.label, titleId: p.titleId, testId: p.testId })}>{renderChildren(node)}</ButtonGroup>;
  },
};
