import React from 'react';
import { Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { JsonChanges } from './json-diff';

const MAX_PATHS = 8;
const list = (paths: string[]) => (paths.length > MAX_PATHS ? `${paths.slice(0, MAX_PATHS).join(', ')} and ${paths.length - MAX_PATHS} more` : paths.join(', '));

interface Props {
  changes: JsonChanges;
  /** Defaults to the editor's wording: what a save will change. */
  title?: string;
  /** What to say when nothing differs. */
  sameText?: string;
}

/** What a save will change, against the value the edit started from (or, with its own wording, any two values). */
export const ChangeSummary = ({ changes, title = 'What will change', sameText = 'Nothing yet: the value is the same as the stored one.' }: Props) => {
  const none = changes.added.length + changes.removed.length + changes.changed.length === 0;
  return (
    <SectionMessage appearance="information" title={title}>
      {none ? (
        <Text>{sameText}</Text>
      ) : (
        <Stack space="space.050">
          {changes.added.length ? (
            <Text>
              <Lozenge appearance="success">Added</Lozenge> {list(changes.added)}
            </Text>
          ) : null}
          {changes.removed.length ? (
            <Text>
              <Lozenge appearance="removed">Removed</Lozenge> {list(changes.removed)}
            </Text>
          ) : null}
          {changes.changed.length ? (
            <Text>
              <Lozenge appearance="inprogress">Changed</Lozenge> {list(changes.changed)}
            </Text>
          ) : null}
        </Stack>
      )}
    </SectionMessage>
  );
};
