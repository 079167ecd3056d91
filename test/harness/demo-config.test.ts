import { DEMO_GROUPS } from '../../harness/simulator';
import { DEMO_DEFINITIONS, DemoSeedError, describeDemoSeed, seedDemoAppConfig } from '../../harness/demo/seed-app-config';
import { allFields, buildField } from '../../src/frontend/preferences/schema-form';
import type { AppConfig, MyPreferences, PreferenceDefinition } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

// `npm start`'s demo configuration, seeded through the resolvers on a fresh app (in-memory site and storage).
let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  expect(app.simulator.contractViolations).toEqual([]);
  await app.close();
});

async function ok<T>(functionKey: string, payload: unknown, as: DemoUser, moduleKey?: string): Promise<T> {
  const answer = await app.invoke<T>(functionKey, payload, as, moduleKey);
  if (!answer.success) throw new Error(`${functionKey}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

const appConfig = () => ok<AppConfig>('getAppConfig', {}, 'admin');
const myPreferences = (as: DemoUser) => ok<MyPreferences>('getMyPreferences', {}, as, MODULE_KEYS.personalSettings);
const kvsWrites = (from: number) => app.runtime.kvs.requests.slice(from).filter((r) => !r.path.endsWith('/get') && !r.path.endsWith('/query'));
const jiraWrites = () => app.takeRequests().filter((r) => r.method === 'PUT' || r.method === 'DELETE');

const OWN_DEFINITION: PreferenceDefinition = {
  key: 'ui.density',
  title: 'Density',
  description: '',
  schema: { type: 'string', enum: ['compact', 'comfortable'] },
  defaultValue: 'comfortable',
  userEditable: true,
};

test('a fresh app gets the demo definitions (one not user-editable), a delegation to a seeded group and one user value', async () => {
  const result = await seedDemoAppConfig(app.runtime);
  expect(result.seeded).toBe(true);

  const bobs = await myPreferences('bob');
  expect(bobs.definitions.map((d) => d.key).sort()).toEqual(['costCenter', 'notifications.digest', 'ui.theme']);
  expect(bobs.definitions.filter((d) => !d.userEditable).map((d) => d.key)).toEqual(['costCenter']);
  expect(bobs.definitions).toEqual(expect.arrayContaining(DEMO_DEFINITIONS.map((d) => expect.objectContaining(d))));
  // Bob's seeded cost centre fits the schema the page shows it against.
  expect(bobs.properties.find((p) => p.key === 'costCenter')?.json).toBe('"CC-2207"');

  const config = await appConfig();
  expect(config.delegations).toEqual([
    { id: expect.any(String), groupId: DEMO_GROUPS.hrManagers.groupId, groupName: DEMO_GROUPS.hrManagers.name, keys: [{ match: 'exact', value: 'costCenter' }] },
  ]);

  const alices = await myPreferences('alice');
  expect(alices.properties.find((p) => p.key === 'ui.theme')?.json).toBe('"dark"');
  expect(describeDemoSeed(result)).toBe(
    'App config: seeded 3 preference definitions (ui.theme, notifications.digest, costCenter (not user-editable)) and 1 delegation ' +
      "(hr-managers → costCenter); Alice Nguyen's ui.theme = \"dark\"",
  );

  // The seeded rules are live: bob may not set his own cost centre; alice (hr-managers) may set his.
  const refused = await app.invoke('setProperty', { key: 'costCenter', json: '"CC-9999"' }, 'bob', MODULE_KEYS.personalSettings);
  expect(refused).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  await ok('setProperty', { accountId: DEMO_USERS.bob.accountId, key: 'costCenter', json: '"CC-2208"' }, 'alice');
});

test('every demo preference gets a form on My preferences, no raw JSON field', () => {
  const kinds = Object.fromEntries(DEMO_DEFINITIONS.map((d) => [d.key, allFields(buildField(d.schema)).map((field) => field.kind)]));
  expect(kinds).toEqual({
    'ui.theme': ['enum'],
    'notifications.digest': ['object', 'boolean', 'enum', 'string', 'number'],
    costCenter: ['string'],
  });
});

test('a second seeding changes nothing: same config, no storage or Jira writes', async () => {
  await seedDemoAppConfig(app.runtime);
  // The first seeding wrote both documents, so the checks below can see a write.
  expect(kvsWrites(0).length).toBeGreaterThanOrEqual(2);
  const before = await appConfig();
  const kvsFrom = app.runtime.kvs.requests.length;
  app.takeRequests();

  const again = await seedDemoAppConfig(app.runtime);

  expect(again).toEqual({ seeded: false, definitions: 3, delegations: 1 });
  expect(describeDemoSeed(again)).toBe('App config: kept the existing 3 preference definition(s) and 1 delegation(s)');
  expect(kvsWrites(kvsFrom)).toEqual([]);
  expect(jiraWrites()).toEqual([]);
  expect(await appConfig()).toEqual(before);
});

test.each<[string, () => Promise<unknown>]>([
  [
    'a seeded definition edited, another deleted, the delegation deleted',
    async () => {
      await seedDemoAppConfig(app.runtime);
      const costCenter = DEMO_DEFINITIONS.find((d) => d.key === 'costCenter')!;
      await ok('saveDefinition', { definition: { ...costCenter, userEditable: true } }, 'admin');
      await ok('deleteDefinition', { key: 'ui.theme' }, 'admin');
      for (const { id } of (await appConfig()).delegations) await ok('deleteDelegation', { id }, 'admin');
    },
  ],
  ['only a definition of the admin\'s own', () => ok('saveDefinition', { definition: OWN_DEFINITION }, 'admin')],
  [
    'only a delegation of the admin\'s own',
    () => ok('saveDelegation', { delegation: { groupId: DEMO_GROUPS.teamLeads.groupId, groupName: DEMO_GROUPS.teamLeads.name, keys: [{ match: 'prefix', value: 'team' }] } }, 'admin'),
  ],
])('a config an admin changed is kept: %s', async (_, change) => {
  await change();
  const before = await appConfig();
  const kvsFrom = app.runtime.kvs.requests.length;
  app.takeRequests();

  const result = await seedDemoAppConfig(app.runtime);

  expect(result).toEqual({ seeded: false, definitions: before.definitions.length, delegations: before.delegations.length });
  expect(await appConfig()).toEqual(before);
  expect(kvsWrites(kvsFrom)).toEqual([]);
  expect(jiraWrites()).toEqual([]);
});

test('a value the demo user already has is kept', async () => {
  app.simulator.store.setProperty(DEMO_USERS.alice.accountId, 'ui.theme', 'light');
  const result = await seedDemoAppConfig(app.runtime);
  expect(result).toMatchObject({ seeded: true });
  expect(result).not.toHaveProperty('userValue');
  expect((await myPreferences('alice')).properties.find((p) => p.key === 'ui.theme')?.json).toBe('"light"');
});

test('a refused seed call fails loudly with the resolver\'s error', async () => {
  app.simulator.store.setAdmin(DEMO_USERS.admin.accountId, false);
  await expect(seedDemoAppConfig(app.runtime)).rejects.toThrow(DemoSeedError);
  await expect(seedDemoAppConfig(app.runtime)).rejects.toThrow(/getAppConfig was refused: FORBIDDEN/);
});
