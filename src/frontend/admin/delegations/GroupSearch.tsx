import React, { useEffect, useState } from 'react';
import { Button, HelperMessage, Inline, Label, Spinner, Stack, Strong, Text, Textfield } from '@forge/react';
import type { GroupSummary } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { call } from '../../shared/invoke';
import type { Loadable } from '../../shared/use-resolver';

const DEBOUNCE_MS = 250;

interface Props {
  group: GroupSummary | undefined;
  onChange(group: GroupSummary | undefined): void;
}

/** Find a Jira group by name and pick one; searches once typing pauses, and only the latest answer counts. */
export const GroupSearch = ({ group, onChange }: Props) => {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Loadable<GroupSummary[]>>();
  const trimmed = query.trim();

  useEffect(() => {
    if (trimmed === '') {
      setResults(undefined);
      return undefined;
    }
    let current = true;
    setResults({ state: 'loading' });
    const timer = setTimeout(() => {
      void call('searchGroups', { query: trimmed }).then((answer) => {
        if (current) setResults(answer);
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [trimmed]);

  if (group) {
    return (
      <Inline space="space.100" alignBlock="center">
        <Text>
          Group <Strong>{group.name}</Strong>
        </Text>
        <Button spacing="compact" onClick={() => onChange(undefined)}>
          Change group
        </Button>
      </Inline>
    );
  }
  return (
    <Stack space="space.050">
      <Label labelFor="delegation-group-query">Group</Label>
      <Textfield id="delegation-group-query" name="groupQuery" placeholder="Search groups by name" value={query} onChange={(e) => setQuery(e.target.value)} />
      {results === undefined ? (
        <HelperMessage>Type part of a group name, then pick the group whose members get access.</HelperMessage>
      ) : 'state' in results ? (
        <Spinner size="small" label="Searching groups" />
      ) : !results.success ? (
        <ErrorMessage error={results.error} />
      ) : results.data.length === 0 ? (
        <Text>{`No group matches "${trimmed}".`}</Text>
      ) : (
        <Inline space="space.100" shouldWrap>
          {results.data.map((found) => (
            <Button key={found.groupId} spacing="compact" onClick={() => onChange(found)}>
              {found.name}
            </Button>
          ))}
        </Inline>
      )}
    </Stack>
  );
};
