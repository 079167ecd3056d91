import React, { useState } from 'react';
import { Button, EmptyState, Inline, ProgressBar, Spinner, Stack, Text, Textfield } from '@forge/react';
import type { KeyRule, PropertyEntry } from '../../../shared/contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagError } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { usePagedOpen } from '../../shared/use-paged-open';
import { DeletePropertyModal } from '../DeletePropertyModal';
import { keyRulesList } from '../key-rule-label';
import { PropertyEditorModal } from '../editor/PropertyEditorModal';
import { ViewPropertyModal } from '../ViewPropertyModal';
import { tableCaption } from './caption';
import { ExportPropertiesModal } from './ExportPropertiesModal';
import { PropertyTable } from './PropertyTable';

type Dialog =
  | { kind: 'view'; property: PropertyEntry }
  | { kind: 'edit'; property: PropertyEntry }
  | { kind: 'create' }
  | { kind: 'delete'; property: PropertyEntry }
  | { kind: 'export' };

interface Props {
  accountId: string;
  /** For a delegate: the keys they may manage (the resolver lists only those). */
  allowedKeys?: readonly KeyRule[];
}

/**
 * One user's properties: filter, table, and the view / edit / create / delete dialogs. The table shows as soon as
 * the first page is read and fills in while the rest load; filter and sort work over everything loaded so far.
 */
export const PropertiesPanel = ({ accountId, allowedKeys }: Props) => {
  const { pages, reload, retry } = usePagedOpen(() => call('listProperties', { accountId }), accountId);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<Dialog>();
  // Rows known to have changed since they were read (a version restored from the open editor): key → what is stored
  // now, null once deleted. The editor stays open, so the table follows without a fresh open; a reload clears them.
  const [patches, setPatches] = useState<ReadonlyMap<string, PropertyEntry | null>>(() => new Map());
  const refresh = () => {
    setPatches(new Map());
    reload();
  };

  if (pages.phase === 'loading') return <Spinner label="Loading properties" />;
  if (pages.phase === 'failed') return <ErrorMessage error={pages.error} onRetry={refresh} />;
  const { error } = pages;
  const properties = patched(pages.loaded, patches);
  const remaining = pages.remaining.filter((key) => !patches.has(key));
  const total = properties.length + remaining.length;
  const complete = remaining.length === 0;
  const needle = filter.trim().toLowerCase();
  const shown = needle ? properties.filter((p) => p.key.toLowerCase().includes(needle)) : properties;
  // Every listed key, read or not: Create must not offer a key the user already has.
  const listedKeys = [...properties.map((p) => p.key), ...remaining];
  const close = () => setDialog(undefined);
  const closeAndReload = () => {
    setDialog(undefined);
    refresh();
  };
  const editExisting = (key: string) => {
    const property = properties.find((p) => p.key === key);
    if (property) {
      setDialog({ kind: 'edit', property });
      return;
    }
    // Listed but not read yet: read it now rather than wait for its page.
    setDialog(undefined);
    void call('getProperty', { accountId, key }).then((answer) => {
      if (answer.success) setDialog({ kind: 'edit', property: answer.data });
      else flagError(`"${key}" could not be opened`, answer.error);
    });
  };
  const progressLabel = `Loaded ${properties.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} properties`;

  return (
    <Stack space="space.200">
      <Inline space="space.200" alignBlock="center" spread="space-between">
        <Textfield name="filter" placeholder="Filter by key" aria-label="Filter by key" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <Inline space="space.100">
          <Button onClick={refresh}>Refresh</Button>
          {/* Only once every value is read: an export of part of the record would look like all of it. */}
          <Button isDisabled={!complete || properties.length === 0} onClick={() => setDialog({ kind: 'export' })}>
            Export
          </Button>
          <Button appearance="primary" onClick={() => setDialog({ kind: 'create' })}>
            Create property
          </Button>
        </Inline>
      </Inline>
      {complete ? null : error ? (
        <Stack space="space.100">
          <Text>{`${progressLabel}. Reading the rest stopped; the table shows what is loaded.`}</Text>
          <ErrorMessage error={error} onRetry={retry} retryLabel="Load the rest" />
        </Stack>
      ) : (
        <Stack space="space.050">
          <ProgressBar value={total === 0 ? 0 : properties.length / total} ariaLabel={progressLabel} />
          <Text>{`${progressLabel}…`}</Text>
        </Stack>
      )}
      {total === 0 && allowedKeys ? (
        <EmptyState headingLevel={2} header="No properties you manage" description={`This user has none of the keys you can manage (${keyRulesList(allowedKeys)}). Create one to get started.`} />
      ) : total === 0 ? (
        <EmptyState headingLevel={2} header="No properties" description="Jira stores no properties for this user yet. Create one to get started." />
      ) : properties.length === 0 ? null : shown.length === 0 ? (
        <EmptyState
          headingLevel={2}
          header="No matching keys"
          description={complete ? `No key contains "${filter.trim()}".` : `No key loaded so far contains "${filter.trim()}".`}
        />
      ) : (
        <PropertyTable
          caption={tableCaption({ shown: shown.length, loaded: properties.length, total, filtered: Boolean(needle) })}
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
          existingKeys={listedKeys}
          allowedKeys={allowedKeys}
          onEditExisting={editExisting}
          onClose={close}
          onSaved={closeAndReload}
          onStoredChanged={(stored) => {
            const key = dialog.kind === 'edit' ? dialog.property.key : undefined;
            if (key !== undefined) setPatches((current) => new Map(current).set(key, stored));
          }}
        />
      ) : null}
      {dialog?.kind === 'export' ? <ExportPropertiesModal accountId={accountId} properties={properties} onClose={close} /> : null}
      {dialog?.kind === 'delete' ? <DeletePropertyModal accountId={accountId} property={dialog.property} onClose={close} onDeleted={closeAndReload} /> : null}
    </Stack>
  );
};

/** The rows as read, with the known changes applied: a changed row in its place, a deleted one gone, a new one last. */
function patched(loaded: readonly PropertyEntry[], patches: ReadonlyMap<string, PropertyEntry | null>): PropertyEntry[] {
  if (patches.size === 0) return [...loaded];
  const rows = loaded.flatMap((property) => {
    if (!patches.has(property.key)) return [property];
    const stored = patches.get(property.key);
    return stored ? [stored] : [];
  });
  const read = new Set(loaded.map((property) => property.key));
  for (const [key, stored] of patches) if (stored && !read.has(key)) rows.push(stored);
  return rows;
}
