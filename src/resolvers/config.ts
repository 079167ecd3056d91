import type Resolver from '@forge/resolver';
import { randomUUID } from 'node:crypto';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { validateDefinition } from '../domain/definitions';
import { validateKeyRules } from '../domain/key-rules';
import { validatePropertyKey } from '../domain/property-rules';
import { MODULE_KEYS } from '../shared/contract';
import { readDelegations, readHistorySettings, readPreferences, writeDelegations, writeHistorySettings, writePreferences } from '../storage/app-config-store';
import { defineResolver } from './define';
import type { Invocation } from './invocation';
import { readPayload, requiredString } from './payload';

const MAX_DEFINITIONS = 200;
const MAX_DELEGATIONS = 100;
/** Ten years: the history is a safety net, not an archive (its entries count against the app's storage). */
const MAX_RETENTION_DAYS = 3_650;

const CONFIG_NEEDS_ADMIN = 'The app\'s settings (preferences and delegations) are for Jira admins: they need the Administer Jira global permission.';

/**
 * App configuration is for Jira admins, from the admin page only; checked server-side on every call, and before
 * any work the payload could make expensive (a schema compile, validation, a storage read, a Jira call).
 */
async function assertConfigAccess(invocation: Invocation): Promise<void> {
  if (invocation.caller.moduleKey !== MODULE_KEYS.adminPage) throw new ForbiddenError('App settings can only be changed from the admin page.');
  await invocation.assertAdmin(CONFIG_NEEDS_ADMIN);
}

export function defineConfigResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'getAppConfig', async (payload, invocation) => {
    readPayload(payload, []);
    await assertConfigAccess(invocation);
    const [preferences, { delegations }, history] = await Promise.all([readPreferences(), readDelegations(), readHistorySettings()]);
    return { ...preferences, delegations, historyRetentionDays: history.retentionDays };
  });

  defineResolver(resolver, 'saveDefinition', async (payload, invocation) => {
    const raw = readPayload(payload, ['definition']).definition;
    await assertConfigAccess(invocation);
    const definition = validateDefinition(raw);
    const preferences = await readPreferences();
    const others = preferences.definitions.filter((d) => d.key !== definition.key);
    if (others.length >= MAX_DEFINITIONS) throw new ValidationError(`The app holds at most ${MAX_DEFINITIONS} preference definitions.`);
    const definitions = [...others, definition].sort((a, b) => a.key.localeCompare(b.key));
    await writePreferences({ ...preferences, definitions });
    return definition;
  });

  defineResolver(resolver, 'deleteDefinition', async (payload, invocation) => {
    const raw = requiredString(readPayload(payload, ['key']), 'key');
    await assertConfigAccess(invocation);
    const key = validatePropertyKey(raw);
    const preferences = await readPreferences();
    if (!preferences.definitions.some((d) => d.key === key)) throw new NotFoundError(`There is no preference definition for "${key}".`);
    await writePreferences({ ...preferences, definitions: preferences.definitions.filter((d) => d.key !== key) });
    return { key, deleted: true as const };
  });

  defineResolver(resolver, 'setAllowRawEditing', async (payload, invocation) => {
    const { allow } = readPayload(payload, ['allow']);
    await assertConfigAccess(invocation);
    if (typeof allow !== 'boolean') throw new ValidationError('"allow" must be true or false.');
    await writePreferences({ ...(await readPreferences()), allowRawEditing: allow });
    return { allowRawEditing: allow };
  });

  defineResolver(resolver, 'setHistoryRetention', async (payload, invocation) => {
    const { days } = readPayload(payload, ['days']);
    await assertConfigAccess(invocation);
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
      throw new ValidationError(`"days" must be a whole number of days from 1 to ${MAX_RETENTION_DAYS.toLocaleString('en-US')}.`);
    }
    await writeHistorySettings({ retentionDays: days });
    return { historyRetentionDays: days };
  });

  defineResolver(resolver, 'searchGroups', async (payload, invocation) => {
    const query = requiredString(readPayload(payload, ['query']), 'query');
    await assertConfigAccess(invocation);
    return invocation.jira('search-users').findGroups(query.trim());
  });

  defineResolver(resolver, 'saveDelegation', async (payload, invocation) => {
    const raw = readPayload(payload, ['delegation']).delegation as Record<string, unknown> | undefined;
    if (typeof raw !== 'object' || raw === null) throw new ValidationError('"delegation" must be an object.');
    const input = readPayload(raw, ['id', 'groupId', 'groupName', 'keys']);
    const groupId = requiredString(input, 'groupId');
    const groupName = requiredString(input, 'groupName');
    if (input.id !== undefined && typeof input.id !== 'string') throw new ValidationError('"id" must be a string.');
    await assertConfigAccess(invocation);
    const keys = validateKeyRules(input.keys);
    // The group must exist in Jira under that id: a typo must not create a delegation nobody can use.
    const found = await invocation.jira('search-users').findGroups(groupName);
    const group = found.find((g) => g.groupId === groupId);
    if (!group) throw new ValidationError(`Jira has no group "${groupName}" with that id.`);
    const { delegations } = await readDelegations();
    const id = (input.id as string | undefined) ?? randomUUID();
    if (input.id !== undefined && !delegations.some((d) => d.id === id)) throw new NotFoundError('That delegation no longer exists.');
    const others = delegations.filter((d) => d.id !== id);
    if (others.length >= MAX_DELEGATIONS) throw new ValidationError(`The app holds at most ${MAX_DELEGATIONS} delegations.`);
    const delegation = { id, groupId: group.groupId, groupName: group.name, keys };
    await writeDelegations({ delegations: [...others, delegation] });
    return delegation;
  });

  defineResolver(resolver, 'deleteDelegation', async (payload, invocation) => {
    const id = requiredString(readPayload(payload, ['id']), 'id');
    await assertConfigAccess(invocation);
    const { delegations } = await readDelegations();
    if (!delegations.some((d) => d.id === id)) throw new NotFoundError('That delegation no longer exists.');
    await writeDelegations({ delegations: delegations.filter((d) => d.id !== id) });
    return { id, deleted: true as const };
  });
}
