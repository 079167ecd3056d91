// Text and small inline things: Heading, Text, Strong, Em, Strike, Link, Lozenge, Badge.
import React from 'react';
import Heading from '@atlaskit/heading';
import { Text } from '@atlaskit/primitives';
import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import Badge from '@atlaskit/badge';
import { defined, renderChildren, textOf } from './core';
import type { NodeComponent } from './types';

type HeadingSize = 'xxlarge' | 'xlarge' | 'large' | 'medium' | 'small' | 'xsmall' | 'xxsmall';
// UI Kit lets an app give only the level; pick Atlaskit's size for it (h1 = page title size, as Jira admin pages).
const SIZE_FOR_LEVEL: Record<string, HeadingSize> = { h1: 'xlarge', h2: 'large', h3: 'medium', h4: 'small', h5: 'xsmall', h6: 'xxsmall' };

export const typographyComponents: Record<string, NodeComponent> = {
  Heading: ({ node }) => {
    const p = node.props;
    const size: HeadingSize = p.size ?? SIZE_FOR_LEVEL[p.as as string] ?? 'medium';
    return (
      <Heading size={size} {...defined({ as: p.as, color: p.color, id: p.id, testId: p.testId })}>
        {renderChildren(node)}
      </Heading>
    );
  },

  Text: ({ node }) => {
    const p = node.props;
    const strike = p.as === 'strike';
    const children = renderChildren(node);
    return (
      <Text
        as={strike ? 'span' : (p.as ?? 'p')}
        {...defined({ align: p.align, color: p.color, maxLines: p.maxLines, size: p.size, weight: p.weight, testId: p.testId })}
      >
        {strike ? <s>{children}</s> : children}
      </Text>
    );
  },

  Strong: ({ node }) => <Text as="strong">{renderChildren(node)}</Text>,
  Em: ({ node }) => <Text as="em">{renderChildren(node)}</Text>,
  Strike: ({ node }) => <s>{renderChildren(node)}</s>,

  Link: ({ node }) => {
    const p = node.props;
    const children = node.children.length > 0 ? renderChildren(node) : p.href;
    return (
      <Link href={p.href} {...(p.openNewTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
        {children}
      </Link>
    );
  },

  Lozenge: ({ node }) => {
    const p = node.props;
    return <Lozenge {...defined({ appearance: p.appearance, isBold: p.isBold, maxWidth: p.maxWidth, testId: p.testId })}>{renderChildren(node)}</Lozenge>;
  },

  // Badge only applies `max` to a number: UI Kit children arrive as text, so numeric text is turned back into one.
  Badge: ({ node }) => {
    const p = node.props;
    const text = textOf(node).trim();
    const value = text !== '' && Number.isFinite(Number(text)) ? Number(text) : renderChildren(node);
    return <Badge {...defined({ appearance: p.appearance, max: p.max, testId: p.testId })}>{value}</Badge>;
  },
};
