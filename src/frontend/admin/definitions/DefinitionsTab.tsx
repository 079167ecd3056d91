import React, { useState } from 'react';
import { Button, Code, EmptyState, Inline, Label, Spinner, Stack, Text, Toggle } from '@forge/react';
import type { PreferenceDefinition } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagError, flagSuccess } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { useResolver } from '../../shared/use-resolver';
import { ConfirmDeleteModal } from '../ConfirmDeleteModal';
import { DefinitionEditorModal } from './DefinitionEditorModal';
import { DefinitionTable } from './DefinitionTable';

type Dialog = { kind: 'create' } | { kind: 'edit'; definition: PreferenceDefinition } | { kind: 'delete'; definition: PreferenceDefinition };

/** What My preferences offers users: the raw-editing switch and the preference definitions. */
export const DefinitionsTab = () => {
  const { result, reload } = useResolver('getAppConfig', undefined);
  const [dialog, setDialog] = useState<Dialog>();
  // The switch's saved state until the next reload; the config answer is the source otherwise.
  const [rawSaved, setRawSaved] = useState<boolean>();
  const [rawSaving, setRawSaving] = useState(false);

  if ('state' in result) return <Spinner label="Loading preferences" />;
  if (!result.success) return <ErrorMessage error={result.error} onRetry={reload} />;
  const { definitions } = result.data;
  const allowRaw = rawSaved ?? result.data.allowRawEditing;
  const close = () => setDialog(undefined);
  const closeAndReload = () => {
    setDialog(undefined);
    setRawSaved(undefined);
    reload();
  };
  const toggleRaw = async () => {
    setRawSaving(true);
    const answer = await call('setAllowRawEditing', { allow: !allowRaw });
    setRawSaving(false);
    if (answer.success) {
      setRawSaved(answer.data.allowRawEditing);
      flagSuccess(answer.data.allowRawEditing ? 'Raw JSON editing is on' : 'Raw JSON editing is off');
    } else {
      flagError('The setting was not changed', answer.error);
    }
  };
  const editExisting = (key: string) => {
    const definition = definitions.find((d) => d.key === key);
    setDialog(definition ? { kind: 'edit', definition } : undefined);
  };

  return (
    <Stack space="space.200">
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center">
          <Toggle id="allow-raw-editing" name="allowRawEditing" isChecked={allowRaw} isDisabled={rawSaving} onChange={() => void toggleRaw()} />
          <Label labelFor="allow-raw-editing">Let users edit other keys as raw JSON</Label>
        </Inline>
        <Text>
          {allowRaw
            ? 'In My preferences, users can also edit their properties that have no definition below, as JSON.'
            : 'In My preferences, users can only change the preferences defined below and marked editable.'}
        </Text>
      </Stack>
      <Inline space="space.200" alignBlock="center" spread="space-between">
        <Text>{definitions.length === 1 ? '1 preference defined' : `${definitions.length} preferences defined`}</Text>
        <Inline space="space.100">
          <Button onClick={closeAndReload}>Refresh</Button>
          <Button appearance="primary" onClick={() => setDialog({ kind: 'create' })}>
            New preference
          </Button>
        </Inline>
      </Inline>
      {definitions.length === 0 ? (
        <EmptyState headingLevel={2} header="No preferences defined" description="Define a preference to give users a titled, validated field for it in My preferences." />
      ) : (
        <DefinitionTable
          definitions={definitions}
          onEdit={(definition) => setDialog({ kind: 'edit', definition })}
          onDelete={(definition) => setDialog({ kind: 'delete', definition })}
        />
      )}
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <DefinitionEditorModal
          key={dialog.kind === 'edit' ? `edit-${dialog.definition.key}` : 'create'}
          definition={dialog.kind === 'edit' ? dialog.definition : undefined}
          existingKeys={definitions.map((d) => d.key)}
          onEditExisting={editExisting}
          onClose={close}
          onSaved={closeAndReload}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDeleteModal
          title={`Delete the preference "${dialog.definition.key}"?`}
          onConfirm={() => call('deleteDefinition', { key: dialog.definition.key })}
          success={{ title: 'Preference deleted', description: `"${dialog.definition.title}" is no longer offered in My preferences.` }}
          onClose={close}
          onDeleted={closeAndReload}
        >
          <Text>
            "{dialog.definition.title}" (<Code>{dialog.definition.key}</Code>) will no longer be offered in My preferences. Values users have
            already stored under this key are kept.
          </Text>
        </ConfirmDeleteModal>
      ) : null}
    </Stack>
  );
};
