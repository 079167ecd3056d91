import React, { useMemo, useState } from 'react';
import { Button, LoadingButton, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, Stack, Text } from '@forge/react';
import { jsonEqual } from '../../../domain/json-equal';
import { MAX_VALUE_BYTES } from '../../../domain/property-rules';
import { flushEditorFrame } from '../../shared/json-editor/use-editor-frame';
import type { ErrorBody, ExpectedState, KeyRule, PropertyEntry } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagError, flagSuccess } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { keyRulesList } from '../key-rule-label';
import { KnownKeyWarning } from '../KnownKeyWarning';
import { ChangeSummary } from './ChangeSummary';
import { ConflictPanel } from './ConflictPanel';
import { JsonField } from './JsonField';
import { PropertyVersions, type StoredNow } from './PropertyVersions';
import { checkNewKey, KeyField } from './KeyField';
import { diffJson } from './json-diff';
import { editableJson, parseJsonText } from '../../shared/json-text';
import { parseLossless } from '../../../domain/json-text';

interface Props {
  accountId: string;
  /** The property to edit, as listed; absent to create a new one. */
  property?: PropertyEntry;
  existingKeys: readonly string[];
  /** For a delegate: the keys they may manage; a new key must match one. */
  allowedKeys?: readonly KeyRule[];
  onEditExisting(key: string): void;
  onClose(): void;
  onSaved(): void;
  /**
   * The stored value changed without the dialog closing (a version restored) or was found changed (read again after
   * a restore's conflict): the table's row follows. null: the key no longer exists.
   */
  onStoredChanged?(stored: StoredNow): void;
}

async function readStored(accountId: string, key: string): Promise<ExpectedState | ErrorBody> {
  const answer = await call('getProperty', { accountId, key });
  if (answer.success) return { exists: true, json: answer.data.json };
  return answer.error.code === 'NOT_FOUND' ? { exists: false } : answer.error;
}

/**
 * Create or edit one property. The value is edited as text and sent as text, so every number and escape the admin did
 * not touch is written back as Jira holds it. Every save names the state the edit started from (`base`, Jira's exact
 * text), so a value changed by someone else meanwhile comes back as a conflict to resolve instead of being overwritten.
 */
export const PropertyEditorModal = ({ accountId, property, existingKeys, allowedKeys, onEditExisting, onClose, onSaved, onStoredChanged }: Props) => {
  const [key, setKey] = useState(property?.key ?? '');
  const [text, setText] = useState(property ? editableJson(property.json) : '{}');
  const [base, setBase] = useState<ExpectedState>(property ? { exists: true, json: property.json } : { exists: false });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const [conflict, setConflict] = useState<ExpectedState>();

  const creating = !base.exists;
  const keyCheck = property ? ({ ok: true } as const) : checkNewKey(key, existingKeys, { allowed: allowedKeys });
  const parsed = parseJsonText(text);
  const baseTree = useMemo(() => (base.exists ? parseLossless(base.json) : undefined), [base]);
  const unchanged = base.exists && parsed.ok && jsonEqual(baseTree, parsed.tree);
  const canSave = !saving && !conflict && parsed.ok && parsed.bytes <= MAX_VALUE_BYTES && keyCheck.ok && !unchanged;

  const save = async (expected: ExpectedState) => {
    if (!parsed.ok) return;
    setSaving(true);
    setError(undefined);
    // The code editor reports edits after a pause and this handler runs with the state last rendered: save the text
    // the editor shows now (the form gets it too), checked again.
    const shown = (await flushEditorFrame()) ?? text;
    const current = shown === text ? parsed : parseJsonText(shown);
    if (!current.ok || current.bytes > MAX_VALUE_BYTES) {
      setSaving(false);
      return;
    }
    const answer = await call('setProperty', { accountId, key, json: current.json, expected });
    if (answer.success) {
      setSaving(false);
      flagSuccess(answer.data.outcome === 'created' ? 'Property created' : 'Property saved', `"${key}" is ${answer.data.bytes.toLocaleString('en-US')} bytes.`);
      onSaved();
      return;
    }
    if (answer.error.code === 'CONFLICT') {
      const stored = await readStored(accountId, key);
      if ('code' in stored) setError(stored);
      else setConflict(stored);
    } else {
      setError(answer.error);
      flagError('The property was not saved', answer.error);
    }
    setSaving(false);
  };

  const reloadStored = () => {
    if (!conflict) return;
    setBase(conflict);
    if (conflict.exists) setText(editableJson(conflict.json));
    setConflict(undefined);
  };
  /** The stored value is `stored` now: it becomes the base, and the text (or `newText`); a deleted key keeps the text. */
  const takeStored = (stored: StoredNow, newText?: string) => {
    setBase(stored ? { exists: true, json: stored.json } : { exists: false });
    setConflict(undefined);
    setError(undefined);
    if (newText !== undefined) setText(newText);
    else if (stored) setText(editableJson(stored.json));
    onStoredChanged?.(stored);
  };
  const overwrite = () => {
    if (!conflict) return;
    setBase(conflict);
    setConflict(undefined);
    void save(conflict);
  };

  return (
    <ModalTransition>
      <Modal onClose={onClose} width="x-large">
        <ModalHeader>
          <ModalTitle>{property ? `Edit "${property.key}"` : 'Create property'}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            {property ? null : (
              <KeyField
                value={key}
                check={keyCheck}
                onChange={setKey}
                onEditExisting={() => onEditExisting(key)}
                helper={allowedKeys ? `You can create these keys: ${keyRulesList(allowedKeys)}.` : undefined}
              />
            )}
            {keyCheck.ok && key !== '' ? <KnownKeyWarning propertyKey={key} /> : null}
            <JsonField text={text} parsed={parsed} onChange={setText} editor={{}} />
            {conflict && parsed.ok ? (
              <ConflictPanel propertyKey={key} stored={conflict} mine={text} onReload={reloadStored} onOverwrite={overwrite} />
            ) : null}
            {!conflict && parsed.ok && base.exists ? <ChangeSummary changes={diffJson(baseTree, parsed.tree)} /> : null}
            {!conflict && parsed.ok && creating ? <Text>A new property will be created.</Text> : null}
            {error ? <ErrorMessage error={error} /> : null}
            {property ? (
              <PropertyVersions
                accountId={accountId}
                propertyKey={property.key}
                current={base}
                edited={base.exists && !unchanged}
                onStored={takeStored}
              />
            ) : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
          <LoadingButton appearance="primary" isLoading={saving} isDisabled={!canSave} onClick={() => void save(base)}>
            {creating ? 'Create' : 'Save'}
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};
