import React from 'react';
import { Button, ButtonGroup, CodeBlock, Inline, SectionMessage, Stack, Strong, Text } from '@forge/react';
import type { ExpectedState } from '../../../shared/contract';
import { editableJson } from '../../shared/json-text';

interface Props {
  propertyKey: string;
  stored: ExpectedState;
  /** The text being edited, as the admin wrote it. */
  mine: string;
  onReload(): void;
  onOverwrite(): void;
}

/** Someone changed the value while it was being edited: show both, and let the admin choose deliberately. */
export const ConflictPanel = ({ propertyKey, stored, mine, onReload, onOverwrite }: Props) => (
  <SectionMessage appearance="warning" title={`"${propertyKey}" changed while you were editing`}>
    <Stack space="space.150">
      <Text>Nothing was saved. Compare the versions, then reload the stored one (your edit is discarded) or overwrite it with yours.</Text>
      <Inline space="space.200" alignBlock="start" grow="fill">
        <Stack space="space.050" grow="fill">
          <Strong>Stored now</Strong>
          {stored.exists ? <CodeBlock language="json" text={editableJson(stored.json)} /> : <Text>(deleted)</Text>}
        </Stack>
        <Stack space="space.050" grow="fill">
          <Strong>Your version</Strong>
          <CodeBlock language="json" text={mine} />
        </Stack>
      </Inline>
      <ButtonGroup label="Resolve the conflict">
        <Button onClick={onReload}>Reload stored value</Button>
        <Button appearance="warning" onClick={onOverwrite}>
          Overwrite with mine
        </Button>
      </ButtonGroup>
    </Stack>
  </SectionMessage>
);
