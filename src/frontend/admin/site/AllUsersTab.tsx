import React, { useState } from 'react';
import { Button, Checkbox, Inline, Label, SectionMessage, Spinner, Stack, Text, Textfield } from '@forge/react';
import type { JobStatus } from '../../../shared/contract';
import type { FoundTarget } from '../bulk/bulk-draft';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { flagError, flagSuccess } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { useResolver } from '../../shared/use-resolver';
import { FindUsersPanel } from './FindUsersPanel';
import { InventoryTable } from './InventoryTable';
import { JobProgressPanel } from './JobProgressPanel';
import { useLatestJob } from './use-latest-job';

/**
 * Site-wide: an inventory of every key on the site's people, run as a background job (src/jobs), with its progress
 * while it runs and the last finished result below. Admins only; the resolvers refuse anyone else.
 */
export const AllUsersTab = ({ onOpenUser, onBulkChange }: { onOpenUser(accountId: string): void; onBulkChange(target: FoundTarget): void }) => {
  const inventory = useResolver('getInventory', undefined);
  const { latest, track } = useLatestJob((job: JobStatus) => {
    if (job.state === 'done') flagSuccess('Inventory finished', `${job.done.toLocaleString('en-US')} users visited.`);
    inventory.reload();
  });
  const [deep, setDeep] = useState(false);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [filter, setFilter] = useState('');
  const [drillDown, setDrillDown] = useState<{ key: string; at: number }>();

  const running = latest.phase === 'known' && latest.job.state === 'running' ? latest.job : undefined;
  const start = async () => {
    setStarting(true);
    const answer = await call('startJob', { kind: 'inventory', deep });
    setStarting(false);
    if (answer.success) await track(answer.data.jobId);
    else flagError('The inventory did not start', answer.error);
  };
  const cancel = async () => {
    if (!running) return;
    setCancelling(true);
    const answer = await call('cancelJob', { jobId: running.jobId });
    setCancelling(false);
    if (answer.success) await track(running.jobId);
    else flagError('The inventory was not cancelled', answer.error);
  };

  return (
    <Stack space="space.200">
      <Text>An inventory visits every user account on the site (active and inactive) and lists the property keys they hold.</Text>
      {latest.phase === 'loading' ? <Spinner label="Loading the latest job" /> : null}
      {latest.phase === 'failed' ? <ErrorMessage error={latest.error} /> : null}
      {running ? (
        <JobProgressPanel job={running} what="Inventory" cancelling={cancelling} onCancel={() => void cancel()} />
      ) : (
        <Inline space="space.200" alignBlock="center" shouldWrap>
          <Button appearance="primary" isDisabled={starting || latest.phase === 'loading'} onClick={() => void start()}>
            Start inventory
          </Button>
          <Checkbox name="deep" label="Also read every value, for sizes (slower)" isChecked={deep} onChange={() => setDeep(!deep)} />
        </Inline>
      )}
      {latest.phase === 'known' && (latest.job.state === 'failed' || latest.job.state === 'cancelled') ? (
        <SectionMessage appearance={latest.job.state === 'failed' ? 'error' : 'warning'} title={latest.job.state === 'failed' ? 'The last inventory stopped' : 'The last inventory was cancelled'}>
          <Text>{latest.job.reason ?? 'No reason was recorded.'}</Text>
        </SectionMessage>
      ) : null}
      {'state' in inventory.result ? (
        <Spinner label="Loading the inventory" />
      ) : inventory.result.success ? (
        <Stack space="space.100">
          <Text>{`Last finished ${new Date(inventory.result.data.finishedAt).toLocaleString('en-US')}: ${inventory.result.data.users.toLocaleString('en-US')} users${inventory.result.data.failed ? `, ${inventory.result.data.failed.toLocaleString('en-US')} could not be read` : ''}.`}</Text>
          <Label labelFor="inventory-filter">Filter keys</Label>
          <Textfield id="inventory-filter" name="inventoryFilter" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <InventoryTable inventory={inventory.result.data} filter={filter} onShowUsers={(key) => setDrillDown({ key, at: Date.now() })} />
        </Stack>
      ) : inventory.result.error.code === 'NOT_FOUND' ? (
        <Text>No inventory has finished yet.</Text>
      ) : (
        <ErrorMessage error={inventory.result.error} onRetry={inventory.reload} />
      )}
      <FindUsersPanel drillDown={drillDown} onOpenUser={onOpenUser} onBulkChange={onBulkChange} />
    </Stack>
  );
};
