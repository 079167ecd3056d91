import React, { useMemo, useState } from 'react';
import { Box, Button, ButtonGroup, Heading, Inline, LoadingButton, Lozenge, SectionMessage, Stack, Text, xcss } from '@forge/react';
import type { ErrorBody, PreferenceDefinition } from '../../shared/contract';
import { ErrorMessage } from '../shared/ErrorMessage';
import { flagSuccess } from '../shared/flags';
import { call } from '../shared/invoke';
import { formJson } from './form-json';
import { checkForm, modelFor, shownValue } from './preference-form';
import { initialState, summarizeValue, type FieldInput, type FormState } from './schema-form';
import { compileSchema } from './schema-validate';
import { SchemaFields } from './SchemaFields';
import { failure, reportFailure, type Failure } from './failure';
import { readStored, type StoredState } from './read-stored';

export const cardStyle = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.200',
});

interface Props {
  definition: PreferenceDefinition;
  /** What was stored for the key when the page loaded. */
  initial: StoredState;
}

type Action = 'save' | 'reset' | 'reload';
type Busy = 'saving' | 'resetting' | 'reloading';

/**
 * One admin-defined preference: the form its schema implies, checked in the browser before anything is sent. Every
 * write names what was stored when the form loaded, so a change made elsewhere meanwhile is reported, not overwritten.
 */
export const PreferenceCard = ({ definition: loadedDefinition, initial }: Props) => {
  const [definition, setDefinition] = useState(loadedDefinition);
  const [stored, setStored] = useState(initial);
  const shown = useMemo(() => shownValue(definition, stored), [definition, stored]);
  const base = shown.value;
  const model = useMemo(() => modelFor(definition, base), [definition, base]);
  const schema = useMemo(() => compileSchema(definition.schema), [definition.schema]);
  const [state, setState] = useState<FormState>(() => initialState(model, base));
  const [busy, setBusy] = useState<Busy>();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<Failure<Action>>();

  const editable = definition.userEditable;
  const form = checkForm(model, state, base, schema);
  const canSave = editable && !busy && !conflict && form.valid && form.changed;

  /** Shows a stored state (after a save, a reset or a reload): the form starts over from it. */
  const show = (next: StoredState, nextDefinition = definition) => {
    const { value } = shownValue(nextDefinition, next);
    setDefinition(nextDefinition);
    setStored(next);
    setState(initialState(modelFor(nextDefinition, value), value));
    setConflict(false);
    setConfirmingReset(false);
    setError(undefined);
  };

  const failed = (title: string, body: ErrorBody, action: Action) =>
    reportFailure(title, body, action, { conflict: () => setConflict(true), failure: setError });

  const save = async () => {
    if (!canSave) return;
    const json = formJson(form.value, shown.original);
    setBusy('saving');
    setError(undefined);
    const answer = await call('setProperty', { key: definition.key, json, expected: stored });
    setBusy(undefined);
    if (answer.success) {
      show({ exists: true, json });
      flagSuccess('Preference saved', `"${definition.title}" was saved.`);
    } else {
      failed(`"${definition.title}" was not saved`, answer.error, 'save');
    }
  };

  const reset = async () => {
    if (!editable || busy || !stored.exists) return;
    setBusy('resetting');
    setError(undefined);
    const answer = await call('deleteProperty', { key: definition.key, expected: stored });
    setBusy(undefined);
    setConfirmingReset(false);
    if (answer.success) {
      show({ exists: false });
      flagSuccess('Reset to default', `"${definition.title}" uses its default again.`);
    } else {
      failed(`"${definition.title}" was not reset`, answer.error, 'reset');
    }
  };

  const reload = async () => {
    setBusy('reloading');
    const fresh = await readStored(definition.key);
    setBusy(undefined);
    if ('code' in fresh) setError(failure(fresh, 'reload'));
    else show(fresh.stored, fresh.definition ?? definition);
  };

  const setInput = (pointer: string, input: FieldInput) => setState((current) => ({ ...current, [pointer]: input }));

  return (
    <Box xcss={cardStyle}>
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Heading as="h3" size="small">
            {definition.title}
          </Heading>
          {stored.exists ? <Lozenge appearance="inprogress">Custom</Lozenge> : <Lozenge>Default</Lozenge>}
          {editable ? null : <Lozenge appearance="moved">Read only</Lozenge>}
        </Inline>
        {definition.description ? <Text>{definition.description}</Text> : null}
        {editable ? null : <Text>Managed by your Jira admin. You can see this setting but not change it.</Text>}
        <SchemaFields idPrefix={definition.key} field={model} state={state} errors={editable ? form.errors : {}} disabled={!editable || Boolean(busy) || conflict} onChange={setInput} />
        {stored.exists ? <Text>{`Default: ${summarizeValue(definition.defaultValue)}`}</Text> : null}
        {!schema.ok && editable ? <Text>Some rules of this setting can only be checked when you save.</Text> : null}
        {conflict ? (
          <SectionMessage appearance="warning" title={`"${definition.title}" was changed elsewhere`}>
            <Stack space="space.100">
              <Text>
                It changed after this page loaded (in another tab, or by your Jira admin), so nothing was saved. Reload to see the current
                value, then make your change again.
              </Text>
              <Inline>
                <LoadingButton appearance="primary" isLoading={busy === 'reloading'} onClick={() => void reload()}>
                  Reload
                </LoadingButton>
              </Inline>
            </Stack>
          </SectionMessage>
        ) : null}
        {error ? <ErrorMessage error={error.error} onRetry={error.retry ? () => void { save, reset, reload }[error.retry as Action]() : undefined} /> : null}
        {confirmingReset ? (
          <SectionMessage appearance="warning" title={`Reset "${definition.title}" to its default?`}>
            <Stack space="space.100">
              <Text>{`Your value is removed and the default (${summarizeValue(definition.defaultValue)}) applies again.`}</Text>
              <ButtonGroup label="Confirm the reset">
                <LoadingButton appearance="warning" isLoading={busy === 'resetting'} onClick={() => void reset()}>
                  Reset
                </LoadingButton>
                <Button appearance="subtle" onClick={() => setConfirmingReset(false)}>
                  Cancel
                </Button>
              </ButtonGroup>
            </Stack>
          </SectionMessage>
        ) : null}
        {editable ? (
          <Inline space="space.100">
            <LoadingButton appearance="primary" isLoading={busy === 'saving'} isDisabled={!canSave} onClick={() => void save()}>
              Save
            </LoadingButton>
            <Button isDisabled={!form.changed || Boolean(busy)} onClick={() => setState(initialState(model, base))}>
              Discard changes
            </Button>
            {stored.exists && !confirmingReset ? (
              <Button appearance="subtle" isDisabled={Boolean(busy) || conflict} onClick={() => setConfirmingReset(true)}>
                Reset to default
              </Button>
            ) : null}
          </Inline>
        ) : null}
      </Stack>
    </Box>
  );
};
