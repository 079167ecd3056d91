import { kvs } from '@forge/kvs';
import { inStorage } from './in-storage';
import type { Delegation, PreferenceDefinition } from '../shared/contract';

// The app's configuration is two small documents in Forge storage (KVS): one read answers every question a
// request has (definitions for a write, delegations for an entitlement check), and each save is one write.
// Both stay far below KVS's 240 KiB value limit at the sizes an admin manages by hand.
const PREFERENCES_KEY = 'config:preferences';
const DELEGATIONS_KEY = 'config:delegations';
const HISTORY_KEY = 'config:history';

/** The history keeps entries this many days unless an admin says otherwise (issue 12: 180). */
export const DEFAULT_HISTORY_RETENTION_DAYS = 180;

export interface PreferencesDocument {
  definitions: PreferenceDefinition[];
  allowRawEditing: boolean;
}

export interface DelegationsDocument {
  delegations: Delegation[];
}

export interface HistorySettingsDocument {
  retentionDays: number;
}

const read = <T>(key: string) => inStorage('read', () => kvs.get<T>(key));
const write = (key: string, value: object) => inStorage('save', () => kvs.set(key, value));

export async function readPreferences(): Promise<PreferencesDocument> {
  const stored = await read<PreferencesDocument>(PREFERENCES_KEY);
  return { definitions: stored?.definitions ?? [], allowRawEditing: stored?.allowRawEditing ?? false };
}

export async function writePreferences(document: PreferencesDocument): Promise<void> {
  await write(PREFERENCES_KEY, document);
}

export async function readDelegations(): Promise<DelegationsDocument> {
  const stored = await read<DelegationsDocument>(DELEGATIONS_KEY);
  return { delegations: stored?.delegations ?? [] };
}

export async function writeDelegations(document: DelegationsDocument): Promise<void> {
  await write(DELEGATIONS_KEY, document);
}

export async function readHistorySettings(): Promise<HistorySettingsDocument> {
  const stored = await read<HistorySettingsDocument>(HISTORY_KEY);
  return { retentionDays: stored?.retentionDays ?? DEFAULT_HISTORY_RETENTION_DAYS };
}

export async function writeHistorySettings(document: HistorySettingsDocument): Promise<void> {
  await write(HISTORY_KEY, document);
}
