import React from 'react';
import { ErrorMessage, HelperMessage, Label, SectionMessage, Stack, Text, TextArea, ValidMessage } from '@forge/react';
import type { AccountList } from './account-list';
import { GroupSearch, type GroupSearchWording } from '../GroupSearch';
import { count } from '../../shared/job-words';
import { usersText } from './bulk-labels';
import { foundLabel, type BulkDraft, type TargetChoice } from './bulk-draft';
import { ChoiceField } from '../../shared/ChoiceField';

const GROUP_WORDING: GroupSearchWording = {
  fieldId: 'bulk-group-query',
  fieldName: 'bulkGroupQuery',
  picked: 'Members of',
  help: 'Type part of a group name, then pick the group whose members the change visits.',
};

const TARGETS: { label: string; value: TargetChoice }[] = [
  { label: 'Listed users', value: 'listed' },
  { label: 'Members of a group', value: 'group' },
  { label: 'All users', value: 'all' },
];

interface Props {
  draft: BulkDraft;
  accounts: AccountList;
  problem?: string;
  /** Delegated managers cannot search groups (searchGroups is for Jira admins): no group target for them. */
  groups: boolean;
  onChange(change: Partial<BulkDraft>): void;
}

function readText(accounts: AccountList): string {
  const skipped = [accounts.header ? 'a header line' : '', accounts.repeats > 0 ? `${count(accounts.repeats)} repeated` : ''].filter(Boolean);
  return `${usersText(accounts.accountIds.length)} read${skipped.length > 0 ? ` (skipped ${skipped.join(' and ')})` : ''}`;
}

/**
 * Whom the change visits: pasted account ids (or a CSV's first column), a group's members, or everyone; and, once the
 * All users tab handed a search's users over, those users, first.
 */
export const TargetFields = ({ draft, accounts, problem, groups, onChange }: Props) => {
  const { found } = draft;
  const options = [
    ...(found ? [{ label: foundLabel(found), value: 'found' as const }] : []),
    ...(groups ? TARGETS : TARGETS.filter((target) => target.value !== 'group')),
  ];
  return (
    <Stack space="space.150">
      <ChoiceField id="bulk-target" name="bulkTarget" label="Target" choices={options} value={draft.target} onChange={(target) => onChange({ target })} width={found ? '480px' : undefined} />
      {draft.target === 'listed' ? (
        <Stack space="space.050">
          <Label labelFor="bulk-account-ids">Account ids</Label>
          <TextArea
            id="bulk-account-ids"
            name="bulkAccountIds"
            isMonospaced
            minimumRows={5}
            maxHeight="40vh"
            resize="vertical"
            spellCheck={false}
            value={draft.accountText}
            isInvalid={problem !== undefined}
            onChange={(e) => onChange({ accountText: e.target.value })}
          />
          {problem ? (
            <ErrorMessage>{problem}</ErrorMessage>
          ) : accounts.accountIds.length > 0 ? (
            <ValidMessage>{readText(accounts)}</ValidMessage>
          ) : (
            <HelperMessage>One account id per line, or paste a CSV: the first column of each line is read. A header line and blank lines are skipped.</HelperMessage>
          )}
        </Stack>
      ) : null}
      {draft.target === 'found' && found ? (
        <SectionMessage appearance="information" title={foundLabel(found)}>
          <Text>
            {'finder' in found.target
              ? 'The change visits the users the search found when it finished, read from its stored results. Search again in the All users tab for a fresh list.'
              : 'The change visits the users Jira\'s search answered, by their account ids.'}
          </Text>
        </SectionMessage>
      ) : null}
      {draft.target === 'group' ? <GroupSearch group={draft.group} onChange={(group) => onChange({ group })} wording={GROUP_WORDING} /> : null}
      {draft.target === 'all' ? (
        <SectionMessage appearance="warning" title="Every user on the site">
          <Text>The change visits every user account on the site, active or not (app and customer accounts are skipped). The dry run shows how many it would change.</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
};
