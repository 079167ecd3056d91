// Code (inline) and CodeBlock. Syntax highlighting covers the languages harness/host/refractor-subset.js registers;
// any other language renders as plain text.
import React from 'react';
import { Code, CodeBlock } from '@atlaskit/code';
import { defined, renderChildren } from './core';
import type { NodeComponent } from './types';

export const codeComponents: Record<string, NodeComponent> = {
  Code: ({ node }) => <Code {...defined({ testId: node.props.testId })}>{renderChildren(node)}</Code>,

  CodeBlock: ({ node }) => {
    const p = node.props;
    return (
      <CodeBlock
        text={String(p.text ?? '')}
        {...defined({
          language: p.language,
          // `showLineNumbers` is deprecated in Atlaskit in favour of `shouldShowLineNumbers`; UI Kit still documents it.
          shouldShowLineNumbers: p.shouldShowLineNumbers ?? p.showLineNumbers,
          highlight: p.highlight,
          highlightedStartText: p.highlightedStartText,
          highlightedEndText: p.highlightedEndText,
          shouldWrapLongLines: p.shouldWrapLongLines,
          testId: p.testId,
        })}
      />
    );
  },
};
