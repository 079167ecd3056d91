import React from 'react';
import { Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { JsonChanges } from './json-diff';

const MAX_PATHS = 8;
const list = (paths: string[]) => (paths.length > MAX_PATHS ? `${paths.slice(0, MAX_PATHS).join(', ')} and ${paths.length - MAX_PATHS} more` : paths.join(', '));

/** What a save will change, against the value the edit started from. */
export const ChangeSummary = ({ changes }: { changes: JsonChanges }) => {
  const none = changes.added.length + changes.removed.length + changes.changed.length === 0;
  return (
    <SectionMessage appearance="information" title="What will change">
      {none ? (
        <Text>Nothing yet: the value is the same as the stored one.</Text>
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
