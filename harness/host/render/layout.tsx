// Layout primitives: Root, Stack, Inline, Box (and the internal ContentWrapper when it appears on its own).
import React from 'react';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { defined, renderChildren } from './core';
import type { NodeComponent } from './types';

export const layoutComponents: Record<string, NodeComponent> = {
  Root: ({ node }) => <div data-forge-root="">{renderChildren(node)}</div>,

  Stack: ({ node }) => {
    const p = node.props;
    return (
      <Stack {...defined({ space: p.space, alignBlock: p.alignBlock, alignInline: p.alignInline, grow: p.grow, spread: p.spread, testId: p.testId })}>
        {renderChildren(node)}
      </Stack>
    );
  },

  Inline: ({ node }) => {
    const p = node.props;
    return (
      <Inline
        {...defined({
          space: p.space,
          rowSpace: p.rowSpace,
          alignBlock: p.alignBlock,
          alignInline: p.alignInline,
          grow: p.grow,
          spread: p.spread,
          shouldWrap: p.shouldWrap,
          separator: p.separator,
          testId: p.testId,
        })}
      >
        {renderChildren(node)}
      </Inline>
    );
  },

  // Box's token props go straight to Atlaskit; `xcss` arrives as the plain style object @forge/react's xcss() returns.
  Box: ({ node }) => {
    const { xcss: style, as, role, testId, backgroundColor, padding, paddingBlock, paddingBlockStart, paddingBlockEnd, paddingInline, paddingInlineStart, paddingInlineEnd } = node.props;
    return (
      <Box
        {...defined({ as, role, testId, backgroundColor, padding, paddingBlock, paddingBlockStart, paddingBlockEnd, paddingInline, paddingInlineStart, paddingInlineEnd })}
        xcss={style ? xcss(style) : undefined}
      >
        {renderChildren(node)}
      </Box>
    );
  },

  ContentWrapper: ({ node }) => <>{renderChildren(node)}</>,
};
