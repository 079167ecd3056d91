import React, { useState } from 'react';
import { Box, Button, ErrorMessage, HelperMessage, Inline, Label, Stack, Textfield } from '@forge/react';
import { AccountFilterField } from './AccountFilterField';
import { EMPTY_FILTER, filterProblems, hasProblems, type HistoryFilterDraft } from './history-filter';

interface Props {
  /** The filters the table shows now. */
  applied: HistoryFilterDraft;
  onApply(filters: HistoryFilterDraft): void;
}

const TextFilter = ({ id, name, label, value, type, help, problem, width, onChange }: {
  id: string;
  name: string;
  label: string;
  value: string;
  type?: 'date';
  help: string;
  problem?: string;
  width: string;
  onChange(value: string): void;
}) => (
  <Box xcss={{ width }}>
    <Stack space="space.050">
      <Label labelFor={id}>{label}</Label>
      <Textfield id={id} name={name} type={type} value={value} isInvalid={problem !== undefined} onChange={(event) => onChange(event.target.value)} />
      {problem ? <ErrorMessage>{problem}</ErrorMessage> : <HelperMessage>{help}</HelperMessage>}
    </Stack>
  </Box>
);

/**
 * The History tab's filters. They apply on Apply (a filter that reads every page would otherwise run on every
 * keystroke); Apply again reloads; Clear shows the whole history again.
 */
export const HistoryFilters = ({ applied, onApply }: Props) => {
  const [draft, setDraft] = useState<HistoryFilterDraft>(applied);
  const problems = filterProblems(draft);
  const set = (name: keyof HistoryFilterDraft) => (value: string) => setDraft((current) => ({ ...current, [name]: value }));
  const clear = () => {
    setDraft(EMPTY_FILTER);
    onApply(EMPTY_FILTER);
  };
  return (
    <Stack space="space.150">
      <Inline space="space.200" alignBlock="start" shouldWrap>
        <AccountFilterField name="historyUser" label="User" value={draft.accountId} problem={problems.accountId} onChange={set('accountId')} />
        <AccountFilterField name="historyActor" label="Changed by" value={draft.actorAccountId} problem={problems.actorAccountId} onChange={set('actorAccountId')} />
      </Inline>
      <Inline space="space.200" alignBlock="start" shouldWrap>
        <TextFilter id="history-key" name="historyKey" label="Key" value={draft.key} help="The exact key, case and spaces included." problem={problems.key} width="240px" onChange={set('key')} />
        <TextFilter id="history-from" name="historyFrom" label="From" type="date" value={draft.from} help="First day, in your time zone." problem={problems.from} width="180px" onChange={set('from')} />
        <TextFilter id="history-to" name="historyTo" label="To" type="date" value={draft.to} help="Last day, included." problem={problems.to} width="180px" onChange={set('to')} />
        <TextFilter id="history-job" name="historyJob" label="Job id" value={draft.jobId} help="Changes made by one background job." problem={problems.jobId} width="340px" onChange={set('jobId')} />
      </Inline>
      <Inline space="space.100">
        <Button appearance="primary" isDisabled={hasProblems(problems)} onClick={() => onApply(draft)}>
          Apply
        </Button>
        <Button appearance="subtle" onClick={clear}>
          Clear
        </Button>
      </Inline>
    </Stack>
  );
};
