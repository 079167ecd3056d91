import React, { useState } from 'react';
import { Button, EmptyState, Inline, Spinner, Stack, Strong, Text } from '@forge/react';
import type { Delegation } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { call } from '../../shared/invoke';
import { useResolver } from '../../shared/use-resolver';
import { ConfirmDeleteModal } from '../ConfirmDeleteModal';
import { keyRulesList } from '../key-rule-label';
import { DelegationEditorModal } from './DelegationEditorModal';
import { DelegationTable } from './DelegationTable';

type Dialog = { kind: 'create' } | { kind: 'edit'; delegation: Delegation } | { kind: 'delete'; delegation: Delegation };

/** Which Jira groups may manage which keys on every user, without being Jira admins. */
export const DelegationsTab = () => {
  const { result, reload } = useResolver('getAppConfig', undefined);
  const [dialog, setDialog] = useState<Dialog>();

  if ('state' in result) return <Spinner label="Loading delegations" />;
  if (!result.success) return <ErrorMessage error={result.error} onRetry={reload} />;
  const { delegations } = result.data;
  const close = () => setDialog(undefined);
  const closeAndReload = () => {
    setDialog(undefined);
    reload();
  };

  return (
    <Stack space="space.200">
      <Inline space="space.200" alignBlock="center" spread="space-between">
        <Text>Members of these groups can manage the listed keys on every user from this page, without Administer Jira.</Text>
        <Inline space="space.100">
          <Button onClick={reload}>Refresh</Button>
          <Button appearance="primary" onClick={() => setDialog({ kind: 'create' })}>
            New delegation
          </Button>
        </Inline>
      </Inline>
      {delegations.length === 0 ? (
        <EmptyState headingLevel={2} header="No delegations" description="Only Jira admins can manage users' properties. Delegate some keys to a group to share the work." />
      ) : (
        <DelegationTable
          delegations={delegations}
          onEdit={(delegation) => setDialog({ kind: 'edit', delegation })}
          onDelete={(delegation) => setDialog({ kind: 'delete', delegation })}
        />
      )}
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <DelegationEditorModal
          key={dialog.kind === 'edit' ? `edit-${dialog.delegation.id}` : 'create'}
          delegation={dialog.kind === 'edit' ? dialog.delegation : undefined}
          onClose={close}
          onSaved={closeAndReload}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDeleteModal
          title={`Delete the delegation for ${dialog.delegation.groupName}?`}
          onConfirm={() => call('deleteDelegation', { id: dialog.delegation.id })}
          success={{ title: 'Delegation deleted', description: `Members of ${dialog.delegation.groupName} no longer manage other users' properties.` }}
          onClose={close}
          onDeleted={closeAndReload}
        >
          <Text>
            Members of <Strong>{dialog.delegation.groupName}</Strong> will no longer be able to manage {keyRulesList(dialog.delegation.keys)} on other
            users. Values already stored are kept.
          </Text>
        </ConfirmDeleteModal>
      ) : null}
    </Stack>
  );
};
