import React, { useState } from 'react';
import { Button, EmptyState, Inline, Spinner, Stack, Textfield } from '@forge/react';
import type { KeyRule, PropertyEntry } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useResolver } from '../../shared/use-resolver';
import { DeletePropertyModal } from '../DeletePropertyModal';
import { keyRulesList } from '../key-rule-label';
import { PropertyEditorModal } from '../editor/PropertyEditorModal';
import { ViewPropertyModal } from '../ViewPropertyModal';
import { PropertyTable } from './PropertyTable';

type Dialog =
  | { kind: 'view'; property: PropertyEntry }
  | { kind: 'edit'; property: PropertyEntry }
  | { kind: 'create' }
  | { kind: 'delete'; property: PropertyEntry };

interface Props {
  accountId: string;
  /** For a delegate: the keys they may manage (the resolver lists only those). */
  allowedKeys?: readonly KeyRule[];
}

/** One user's properties: filter, table, and the view / edit / create / delete dialogs. */
export const PropertiesPanel = ({ accountId, allowedKeys }: Props) => {
  const { result, reload } = useResolver('listProperties', { accountId });
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<Dialog>();

  if ('state' in result) return <Spinner label="Loading properties" />;
  if (!result.success) return <ErrorMessage error={result.error} onRetry={reload} />;
  const { properties } = result.data;
  const needle = filter.trim().toLowerCase();
  const shown = needle ? properties.filter((p) => p.key.toLowerCase().includes(needle)) : properties;
  const close = () => setDialog(undefined);
  const closeAndReload = () => {
    setDialog(undefined);
    reload();
  };
  const editExisting = (key: string) => {
    const property = properties.find((p) => p.key === key);
    setDialog(property ? { kind: 'edit', property } : undefined);
  };

  return (
    <Stack space="space.200">
      <Inline space="space.200" alignBlock="center" spread="space-between">
        <Textfield name="filter" placeholder="Filter by key" aria-label="Filter by key" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <Inline space="space.100">
          <Button onClick={reload}>Refresh</Button>
          <Button appearance="primary" onClick={() => setDialog({ kind: 'create' })}>
            Create property
          </Button>
        </Inline>
      </Inline>
      {properties.length === 0 && allowedKeys ? (
        <EmptyState header="No properties you manage" description={`This user has none of the keys you can manage (${keyRulesList(allowedKeys)}). Create one to get started.`} />
      ) : properties.length === 0 ? (
        <EmptyState header="No properties" description="Jira stores no properties for this user yet. Create one to get started." />
      ) : shown.length === 0 ? (
        <EmptyState header="No matching keys" description={`No key contains "${filter.trim()}".`} />
      ) : (
        <PropertyTable
          caption={`${shown.length === properties.length ? '' : `${shown.length} of `}${properties.length} ${properties.length === 1 ? 'property' : 'properties'}`}
          properties={shown}
          onView={(property) => setDialog({ kind: 'view', property })}
          onEdit={(property) => setDialog({ kind: 'edit', property })}
          onDelete={(property) => setDialog({ kind: 'delete', property })}
        />
      )}
      {dialog?.kind === 'view' ? <ViewPropertyModal property={dialog.property} onClose={close} onEdit={() => setDialog({ kind: 'edit', property: dialog.property })} /> : null}
      {dialog?.kind === 'edit' || dialog?.kind === 'create' ? (
        <PropertyEditorModal
          key={dialog.kind === 'edit' ? `edit-${dialog.property.key}` : 'create'}
          accountId={accountId}
          property={dialog.kind === 'edit' ? dialog.property : undefined}
          existingKeys={properties.map((p) => p.key)}
          allowedKeys={allowedKeys}
          onEditExisting={editExisting}
          onClose={close}
          onSaved={closeAndReload}
        />
      ) : null}
      {dialog?.kind === 'delete' ? <DeletePropertyModal accountId={accountId} property={dialog.property} onClose={close} onDeleted={closeAndReload} /> : null}
    </Stack>
  );
};
