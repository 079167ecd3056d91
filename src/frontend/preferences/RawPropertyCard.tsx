import React, { useMemo, useState } from 'react';
import { Box, Button, ButtonGroup, CodeBlock, Inline, LoadingButton, Lozenge, SectionMessage, Stack, Strong, Text } from '@forge/react';
import { jsonEqual } from '../../domain/json-equal';
import { displayKey } from '../../domain/key-display';
import { knownKeyOwner } from '../../domain/known-keys';
import { MAX_VALUE_BYTES, utf8Bytes } from '../../domain/property-rules';
import type { ErrorBody, PropertyEntry } from '../../shared/contract';
import { JsonField } from '../admin/editor/JsonField';
import { editableJson, parseJsonText } from '../shared/json-text';
import { ErrorMessage } from '../shared/ErrorMessage';
import { flushEditorFrame } from '../shared/json-editor/use-editor-frame';
import { flagSuccess } from '../shared/flags';
import { call } from '../shared/invoke';
import { cardStyle } from './PreferenceCard';
import { failure, reportFailure, type Failure } from './failure';
import { storedTree } from './form-json';
import { readStored, type StoredState } from './read-stored';

interface Props {
  property: PropertyEntry;
  /** Whether the admin allows editing keys without a definition as raw JSON. */
  editable: boolean;
  onDeleted(key: string): void;
}

type Action = 'save' | 'remove' | 'reload';
type Busy = 'saving' | 'deleting' | 'reloading';

const sizeText = (bytes: number) => `${bytes.toLocaleString('en-US')} of ${MAX_VALUE_BYTES.toLocaleString('en-US')} bytes`;

/** A stored key no definition describes: shown as JSON, and editable as JSON when the admin allows it. */
export const RawPropertyCard = ({ property, editable, onDeleted }: Props) => {
  const { key } = property;
  const [stored, setStored] = useState<StoredState>({ exists: true, json: property.json });
  const [text, setText] = useState<string>();
  const [busy, setBusy] = useState<Busy>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<Failure<Action>>();

  const editing = text !== undefined;
  const parsed = parseJsonText(text ?? '');
  // Undefined when nothing is stored, or the stored text is too deep to parse here (then any text differs).
  const tree = useMemo(() => (stored.exists ? storedTree(stored.json) : undefined), [stored]);
  const changed = parsed.ok && !(tree !== undefined && jsonEqual(parsed.tree, tree));
  const canSave = editable && editing && !busy && !conflict && parsed.ok && parsed.bytes <= MAX_VALUE_BYTES && changed;
  const owner = knownKeyOwner(key);
  const shown = displayKey(key);

  const show = (next: StoredState) => {
    setStored(next);
    setText(undefined);
    setConflict(false);
    setConfirmingDelete(false);
    setError(undefined);
  };
  const failed = (title: string, body: ErrorBody, action: Action) =>
    reportFailure(title, body, action, { conflict: () => setConflict(true), failure: setError });

  const save = async () => {
    if (!canSave || !parsed.ok) return;
    setBusy('saving');
    setError(undefined);
    // Save what the code editor shows now, not the text last rendered (the frame reports edits after a pause).
    const onScreen = (await flushEditorFrame()) ?? text;
    const current = onScreen === text ? parsed : parseJsonText(onScreen ?? '');
    if (!current.ok || current.bytes > MAX_VALUE_BYTES) {
      setBusy(undefined);
      return;
    }
    const answer = await call('setProperty', { key, json: current.json, expected: stored });
    setBusy(undefined);
    if (answer.success) {
      show({ exists: true, json: current.json });
      flagSuccess('Value saved', `"${shown.text}" is ${answer.data.bytes.toLocaleString('en-US')} bytes.`);
    } else {
      failed(`"${shown.text}" was not saved`, answer.error, 'save');
    }
  };

  const remove = async () => {
    if (!editable || busy || !stored.exists) return;
    setBusy('deleting');
    setError(undefined);
    const answer = await call('deleteProperty', { key, expected: stored });
    setBusy(undefined);
    setConfirmingDelete(false);
    if (answer.success) {
      flagSuccess('Value deleted', `"${shown.text}" was deleted.`);
      onDeleted(key);
    } else {
      failed(`"${shown.text}" was not deleted`, answer.error, 'remove');
    }
  };

  const reload = async () => {
    setBusy('reloading');
    const fresh = await readStored(key);
    setBusy(undefined);
    if ('code' in fresh) setError(failure(fresh, 'reload'));
    else show(fresh.stored);
  };

  return (
    <Box xcss={cardStyle}>
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Text>
            <Strong>{shown.text}</Strong>
            {stored.exists ? `: ${sizeText(utf8Bytes(stored.json))}` : ''}
          </Text>
          {owner ? <Lozenge appearance="moved">{`Used by ${owner}`}</Lozenge> : null}
          {editable ? null : <Lozenge>Read only</Lozenge>}
          {shown.unusual ? <Lozenge appearance="removed">Unusual key</Lozenge> : null}
        </Inline>
        {shown.unusual && stored.exists ? <Text>{`${shown.unusual}${editable ? ' It can be deleted here, not edited.' : ''}`}</Text> : null}
        {property.unreadable ? (
          <Text>{`This value cannot be read: ${property.unreadable}`}</Text>
        ) : !stored.exists ? (
          <Text>This key is no longer stored for you.</Text>
        ) : editing ? (
          <Stack space="space.150">
            {owner ? (
              <SectionMessage appearance="warning" title={`"${key}" is used by ${owner}`}>
                <Text>{`Changing or deleting it can reset your settings in ${owner}. Only go ahead if you know what it holds.`}</Text>
              </SectionMessage>
            ) : null}
            <JsonField id={`raw-${key}`} name={key} label={`${key} (JSON)`} minimumRows={8} text={text ?? ''} parsed={parsed} onChange={setText} editor={{}} />
          </Stack>
        ) : (
          <ValuePreview text={editableJson(stored.json)} />
        )}
        {conflict ? (
          <SectionMessage appearance="warning" title={`"${shown.text}" was changed elsewhere`}>
            <Stack space="space.100">
              <Text>It changed after this page loaded, so nothing was written. Reload to see the current value, then make your change again.</Text>
              <Inline>
                <LoadingButton appearance="primary" isLoading={busy === 'reloading'} onClick={() => void reload()}>
                  Reload
                </LoadingButton>
              </Inline>
            </Stack>
          </SectionMessage>
        ) : null}
        {error ? <ErrorMessage error={error.error} onRetry={error.retry ? () => void { save, remove, reload }[error.retry as Action]() : undefined} /> : null}
        {confirmingDelete ? (
          <SectionMessage appearance="warning" title={`Delete "${shown.text}"?`}>
            <Stack space="space.100">
              <Text>The value is removed from your profile. It cannot be undone.</Text>
              <ButtonGroup label="Confirm the delete">
                <LoadingButton appearance="danger" isLoading={busy === 'deleting'} onClick={() => void remove()}>
                  Delete
                </LoadingButton>
                <Button appearance="subtle" onClick={() => setConfirmingDelete(false)}>
                  Cancel
                </Button>
              </ButtonGroup>
            </Stack>
          </SectionMessage>
        ) : null}
        {editable && stored.exists && !property.unreadable ? (
          <Inline space="space.100">
            {editing ? (
              <>
                <LoadingButton appearance="primary" isLoading={busy === 'saving'} isDisabled={!canSave} onClick={() => void save()}>
                  Save
                </LoadingButton>
                <Button appearance="subtle" isDisabled={Boolean(busy)} onClick={() => setText(undefined)}>
                  Cancel
                </Button>
              </>
            ) : (
              <>
                {shown.unusual ? null : (
                  <Button isDisabled={Boolean(busy) || conflict} onClick={() => setText(editableJson(stored.json))}>
                    Edit
                  </Button>
                )}
                {confirmingDelete ? null : (
                  <Button appearance="subtle" isDisabled={Boolean(busy) || conflict} onClick={() => setConfirmingDelete(true)}>
                    Delete
                  </Button>
                )}
              </>
            )}
          </Inline>
        ) : null}
      </Stack>
    </Box>
  );
};

const PREVIEW_LINES = 30;

/** A long value shows its first lines until asked for all of it, so one big property does not bury the page. */
const ValuePreview = ({ text }: { text: string }) => {
  const [showAll, setShowAll] = useState(false);
  const lines = text.split('\n');
  if (showAll || lines.length <= PREVIEW_LINES) return <CodeBlock language="json" text={text} />;
  return (
    <Stack space="space.050">
      <CodeBlock language="json" text={`${lines.slice(0, PREVIEW_LINES).join('\n')}\n…`} />
      <Button spacing="compact" onClick={() => setShowAll(true)}>
        {`Show all ${lines.length.toLocaleString('en-US')} lines`}
      </Button>
    </Stack>
  );
};
