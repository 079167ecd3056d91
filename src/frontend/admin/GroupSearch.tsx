import React, { useEffect, useState } from 'react';
import { Button, HelperMessage, Inline, Label, Spinner, Stack, Strong, Text, Textfield } from '@forge/react';
import type { GroupSummary } from '../../shared/contract';
import { ErrorMessage } from '../shared/ErrorMessage';
import { call } from '../shared/invoke';
import type { Loadable } from '../shared/use-resolver';

const DEBOUNCE_MS = 250;

/** What the search is for, in its own words: a delegation's group, a bulk change's. */
export interface GroupSearchWording {
  fieldId: string;
  fieldName: string;
  /** Before the picked group's name: "Group", "Members of". */
  picked: string;
  /** Under the empty field: what picking the group does. */
  help: string;
}

interface Props {
  group: GroupSummary | undefined;
  onChange(group: GroupSummary | undefined): void;
  wording: GroupSearchWording;
}

/** Find a Jira group by name and pick one; searches once typing pauses, and only the latest answer counts. */
export const GroupSearch = ({ group, onChange, wording }: Props) => {
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
          {wording.picked} <Strong>{group.name}</Strong>
        </Text>
        <Button spacing="compact" onClick={() => onChange(undefined)}>
          Change group
        </Button>
      </Inline>
    );
  }
  return (
    <Stack space="space.050">
      <Label labelFor={wording.fieldId}>Group</Label>
      <Textfield id={wording.fieldId} name={wording.fieldName} value={query} onChange={(e) => setQuery(e.target.value)} />
      {results === undefined ? (
        <HelperMessage>{wording.help}</HelperMessage>
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
