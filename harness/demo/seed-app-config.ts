// `npm start`'s first look with content: a few preference definitions and one delegation, saved through the app's
// real resolvers as the demo admin (so a seed the app would refuse is a demo regression and fails the start), and
// only into an empty configuration, so whatever an admin changed survives a restart.
import { DEMO_GROUPS, DEMO_USERS } from '../simulator';
import {
  MODULE_KEYS,
  type DataOf,
  type Delegation,
  type Envelope,
  type PayloadOf,
  type PreferenceDefinition,
  type ResolverKey,
} from '../../src/shared/contract';

/** What the seed needs of the local Forge runtime: its invoke, as the host and the tests call it. */
export interface InvokingRuntime {
  invoke(request: { functionKey: string; payload?: unknown; context: { accountId?: string; moduleKey: string } }): Promise<unknown>;
}

export const DEMO_DEFINITIONS: readonly PreferenceDefinition[] = [
  {
    key: 'ui.theme',
    title: 'Theme',
    description: 'How Jira looks for you.',
    schema: {
      type: 'string',
      oneOf: [
        { const: 'auto', title: 'Match my system' },
        { const: 'light', title: 'Light' },
        { const: 'dark', title: 'Dark' },
      ],
    },
    defaultValue: 'auto',
    userEditable: true,
  },
  {
    key: 'notifications.digest',
    title: 'Notification digest',
    description: 'A summary of the issues you watch, instead of one email per change.',
    schema: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean', title: 'Send me a digest' },
        frequency: { type: 'string', title: 'How often', enum: ['daily', 'weekly'] },
        sendAt: { type: 'string', title: 'Send at (HH:MM, your time zone)', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
        maxIssues: { type: 'integer', title: 'Issues per digest', minimum: 1, maximum: 50 },
      },
      required: ['enabled', 'frequency', 'sendAt', 'maxIssues'],
      additionalProperties: false,
    },
    defaultValue: { enabled: true, frequency: 'daily', sendAt: '09:00', maxIssues: 20 },
    userEditable: true,
  },
  {
    // Matches the cost centres the demo site already holds (CC-1000, CC-4102, …); HR sets it, users only see it.
    key: 'costCenter',
    title: 'Cost centre',
    description: 'Where your time is booked. Set by HR; ask them to change it.',
    schema: { type: 'string', pattern: '^CC-[0-9]{4}$' },
    defaultValue: 'CC-0000',
    userEditable: false,
  },
];

const DELEGATED_GROUP = DEMO_GROUPS.hrManagers.name;
const DEMO_DELEGATION_KEYS: Delegation['keys'] = [{ match: 'exact', value: 'costCenter' }];

/** One user's own value, set as that user from My preferences, so the page shows a value that is not the default. */
const DEMO_USER_VALUE = { user: DEMO_USERS.alice, key: 'ui.theme', value: 'dark' } as const;

export type DemoSeedResult =
  | { seeded: true; definitions: PreferenceDefinition[]; delegation: Delegation; userValue?: { displayName: string; key: string; value: unknown } }
  | { seeded: false; definitions: number; delegations: number };

export class DemoSeedError extends Error {
  override name = 'DemoSeedError';
}

function caller(runtime: InvokingRuntime, accountId: string, moduleKey: string) {
  return async <K extends ResolverKey>(functionKey: K, payload: PayloadOf<K>): Promise<DataOf<K>> => {
    const answer = (await runtime.invoke({ functionKey, payload, context: { accountId, moduleKey } })) as Envelope<DataOf<K>>;
    if (!answer.success) throw new DemoSeedError(`Demo seed: ${functionKey} was refused: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  };
}

/**
 * Seeds the demo preferences and delegation when the app has neither; otherwise changes nothing (reads only).
 * Throws DemoSeedError with the resolver's error when any call is refused.
 */
export async function seedDemoAppConfig(runtime: InvokingRuntime): Promise<DemoSeedResult> {
  const asAdmin = caller(runtime, DEMO_USERS.admin.accountId, MODULE_KEYS.adminPage);
  const config = await asAdmin('getAppConfig', {});
  if (config.definitions.length > 0 || config.delegations.length > 0) {
    return { seeded: false, definitions: config.definitions.length, delegations: config.delegations.length };
  }

  const definitions: PreferenceDefinition[] = [];
  for (const definition of DEMO_DEFINITIONS) definitions.push(await asAdmin('saveDefinition', { definition }));

  const groups = await asAdmin('searchGroups', { query: DELEGATED_GROUP });
  const group = groups.find((g) => g.name === DELEGATED_GROUP);
  if (!group) throw new DemoSeedError(`Demo seed: searchGroups found no group "${DELEGATED_GROUP}" on the site.`);
  const delegation = await asAdmin('saveDelegation', {
    delegation: { groupId: group.groupId, groupName: group.name, keys: DEMO_DELEGATION_KEYS },
  });

  // The site may be older than this configuration (the simulator persists, app storage may not): a value the user
  // already has is theirs, and stays.
  const { user, key, value } = DEMO_USER_VALUE;
  const asUser = caller(runtime, user.accountId, MODULE_KEYS.personalSettings);
  const own = await asUser('getMyPreferences', {});
  let userValue: { displayName: string; key: string; value: unknown } | undefined;
  if (!own.properties.some((p) => p.key === key)) {
    await asUser('setProperty', { key, json: JSON.stringify(value), expected: { exists: false } });
    userValue = { displayName: user.displayName, key, value };
  }
  return { seeded: true, definitions, delegation, ...(userValue && { userValue }) };
}

/** One line for the console. */
export function describeDemoSeed(result: DemoSeedResult): string {
  if (!result.seeded) {
    return `App config: kept the existing ${result.definitions} preference definition(s) and ${result.delegations} delegation(s)`;
  }
  const definitions = result.definitions.map((d) => (d.userEditable ? d.key : `${d.key} (not user-editable)`)).join(', ');
  const rules = result.delegation.keys.map((rule) => (rule.match === 'prefix' ? `${rule.value}*` : rule.value)).join(', ');
  const value = result.userValue ? `; ${result.userValue.displayName}'s ${result.userValue.key} = ${JSON.stringify(result.userValue.value)}` : '';
  return `App config: seeded ${result.definitions.length} preference definitions (${definitions}) and 1 delegation (${result.delegation.groupName} → ${rules})${value}`;
}
