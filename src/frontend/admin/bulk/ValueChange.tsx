import React from 'react';
import { Code, Inline, Text } from '@forge/react';
import { previewJson } from '../../shared/json-text';

const PREVIEW_LENGTH = 32;

const Preview = ({ json, absent }: { json?: string; absent: string }) => (json === undefined ? <Text>{absent}</Text> : <Code>{previewJson(json, PREVIEW_LENGTH)}</Code>);

/** A user's value before and after, as short previews side by side. */
export const ValueChange = ({ before, after, absentAfter }: { before?: string; after?: string; absentAfter: string }) => (
  <Inline space="space.050" alignBlock="center" shouldWrap>
    <Preview json={before} absent="(none)" />
    <Text>→</Text>
    <Preview json={after} absent={absentAfter} />
  </Inline>
);
