import React, { useState } from 'react';
import { Button, LoadingButton, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, Stack, Text } from '@forge/react';
import type { Delegation, ErrorBody, GroupSummary } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagError, flagSuccess } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { keyRulesList } from '../key-rule-label';
import { GroupSearch, type GroupSearchWording } from '../GroupSearch';
import { draftProblem, newDraft, toRules, type KeyRuleDraft } from './key-rule-drafts';
import { KeyRulesEditor } from './KeyRulesEditor';

const GROUP_WORDING: GroupSearchWording = {
  fieldId: 'delegation-group-query',
  fieldName: 'groupQuery',
  picked: 'Group',
  help: 'Type part of a group name, then pick the group whose members get access.',
};

interface Props {
  /** The delegation to edit; absent to create one. */
  delegation?: Delegation;
  onClose(): void;
  onSaved(): void;
}

/** Pick a group and the keys its members may manage on every user. */
export const DelegationEditorModal = ({ delegation, onClose, onSaved }: Props) => {
  const [group, setGroup] = useState<GroupSummary | undefined>(delegation ? { groupId: delegation.groupId, name: delegation.groupName } : undefined);
  const [rules, setRules] = useState<KeyRuleDraft[]>(() => (delegation ? delegation.keys.map((rule) => newDraft(rule)) : [newDraft()]));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorBody>();

  const rulesOk = rules.length > 0 && rules.every((rule) => draftProblem(rule, rules) === undefined);
  const canSave = !saving && group !== undefined && rulesOk;

  const save = async () => {
    if (!group) return;
    setSaving(true);
    setError(undefined);
    const keys = toRules(rules);
    const answer = await call('saveDelegation', {
      delegation: { ...(delegation ? { id: delegation.id } : {}), groupId: group.groupId, groupName: group.name, keys },
    });
    setSaving(false);
    if (answer.success) {
      flagSuccess('Delegation saved', `Members of ${answer.data.groupName} can manage ${keyRulesList(answer.data.keys)} on every user.`);
      onSaved();
    } else {
      setError(answer.error);
      flagError('The delegation was not saved', answer.error);
    }
  };

  return (
    <ModalTransition>
      <Modal onClose={onClose} width="large">
        <ModalHeader>
          <ModalTitle>{delegation ? `Edit delegation for ${delegation.groupName}` : 'New delegation'}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            <Text>Members of the group can view, create, edit and delete these keys on any user from this page, without Administer Jira.</Text>
            <GroupSearch group={group} onChange={setGroup} wording={GROUP_WORDING} />
            <KeyRulesEditor rules={rules} onChange={setRules} />
            {error ? <ErrorMessage error={error} /> : null}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
          <LoadingButton appearance="primary" isLoading={saving} isDisabled={!canSave} onClick={() => void save()}>
            Save
          </LoadingButton>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
};
