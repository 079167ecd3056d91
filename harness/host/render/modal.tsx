// Modal, ModalTransition, ModalHeader, ModalTitle, ModalBody, ModalFooter.
import React from 'react';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { call, defined, renderChildren, serialisableEvent } from './core';
import type { NodeComponent } from './types';

const ATLASKIT_WIDTHS = new Set(['small', 'medium', 'large', 'x-large']);

// Forge's extra named sizes have no Atlaskit equivalent: 'fullscreen' and 'resizable' fall back to the widest.
function modalSize(value: unknown): string | number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  const text = String(value);
  if (text === 'fullscreen' || text === 'resizable') return 'x-large';
  return text;
}

export const modalComponents: Record<string, NodeComponent> = {
  Modal: ({ node }) => {
    const p = node.props;
    const width = modalSize(p.width);
    const height = modalSize(p.height);
    return (
      <Modal
        {...defined({
          width,
          height: height !== undefined && ATLASKIT_WIDTHS.has(String(height)) ? undefined : height,
          shouldScrollInViewport: p.shouldScrollInViewport,
          label: p.label ?? p.title,
          testId: p.testId,
        })}
        onClose={(event) => call(p.onClose, serialisableEvent(event as never))}
      >
        {p.title && (
          <ModalHeader>
            <ModalTitle>{p.title}</ModalTitle>
          </ModalHeader>
        )}
        {renderChildren(node)}
      </Modal>
    );
  },
  ModalTransition: ({ node }) => <ModalTransition>{renderChildren(node)}</ModalTransition>,
  ModalHeader: ({ node }) => <ModalHeader {...defined({ testId: node.props.testId })}>{renderChildren(node)}</ModalHeader>,
  ModalTitle: ({ node }) => {
    const p = node.props;
    return <ModalTitle {...defined({ appearance: p.appearance, isMultiline: p.isMultiline, testId: p.testId })}>{renderChildren(node)}</ModalTitle>;
  },
  ModalBody: ({ node }) => (
    <ModalBody {...defined({ hasInlinePadding: node.props.hasInlinePadding, testId: node.props.testId })}>{renderChildren(node)}</ModalBody>
  ),
  ModalFooter: ({ node }) => <ModalFooter {...defined({ testId: node.props.testId })}>{renderChildren(node)}</ModalFooter>,
};
