import React from 'react';
import { Button, ButtonGroup, CodeBlock, Inline, SectionMessage, Stack, Strong, Text } from '@forge/react';
import type { ExpectedState } from '../../../shared/contract';
import { editableJson } from '../../shared/json-text';

interface Props {
  propertyKey: string;
  stored: ExpectedState;
  /** The other side: the text being edited, as the admin wrote it (or a version's value); undefined for a delete. */
  mine: string | undefined;
  onReload(): void;
  /** Absent: no overwrite button (e.g. the other side is a delete). */
  onOverwrite?(): void;
  /** The wording, for a conflict other than a save's (a restore's); defaults to the save's. */
  wording?: Partial<ConflictWording>;
}

export interface ConflictWording {
  title: string;
  explanation: string;
  mineLabel: string;
  reloadLabel: string;
  overwriteLabel: string;
}

const saveWording = (propertyKey: string): ConflictWording => ({
  title: `"${propertyKey}" changed while you were editing`,
  explanation: 'Nothing was saved. Compare the versions, then reload the stored one (your edit is discarded) or overwrite it with yours.',
  mineLabel: 'Your version',
  reloadLabel: 'Reload stored value',
  overwriteLabel: 'Overwrite with mine',
});

/** Someone changed the value meanwhile: show both, and let the admin choose deliberately. */
export const ConflictPanel = ({ propertyKey, stored, mine, onReload, onOverwrite, wording }: Props) => {
  const words = { ...saveWording(propertyKey), ...wording };
  return (
    <SectionMessage appearance="warning" title={words.title}>
      <Stack space="space.150">
        <Text>{words.explanation}</Text>
        <Inline space="space.200" alignBlock="start" grow="fill">
          <Stack space="space.050" grow="fill">
            <Strong>Stored now</Strong>
            {stored.exists ? <CodeBlock language="json" text={editableJson(stored.json)} /> : <Text>(deleted)</Text>}
          </Stack>
          <Stack space="space.050" grow="fill">
            <Strong>{words.mineLabel}</Strong>
            {mine === undefined ? <Text>(deleted)</Text> : <CodeBlock language="json" text={mine} />}
          </Stack>
        </Inline>
        <ButtonGroup label="Resolve the conflict">
          <Button onClick={onReload}>{words.reloadLabel}</Button>
          {onOverwrite ? (
            <Button appearance="warning" onClick={onOverwrite}>
              {words.overwriteLabel}
            </Button>
          ) : null}
        </ButtonGroup>
      </Stack>
    </SectionMessage>
  );
};
