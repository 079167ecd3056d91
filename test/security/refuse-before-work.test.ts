// Review round 2, point 1: work before refusal. A refused call must cost O(1): no schema compile, no validation of
// what the payload carries, no storage read, and no Jira request beyond the permission check that refuses it.
import { cachedSchemaCount } from '../../src/domain/preference-schema';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const catastrophic = (id: number) => ({
  definition: {
    key: `attack.${id}`,
    title: 'Attack',
    description: '',
    // Backtracks for ever on a JavaScript engine; unique per call so no cache could absorb it.
    schema: { type: 'string', pattern: '^(a+)+$', description: 'x'.repeat(1_000 + id) },
    defaultValue: `${'a'.repeat(30)}!`,
    userEditable: true,
  },
});

function kvsRequestCount(): number {
  return app.runtime.kvs.requests.length;
}

describe.each([
  ['the admin page', MODULE_KEYS.adminPage, ['/rest/api/3/mypermissions']],
  ['My preferences', MODULE_KEYS.personalSettings, []],
])('a plain user from %s', (_name, moduleKey, allowedRequests) => {
  test('is refused saveDefinition with a catastrophic pattern before any compile, storage read or other request', async () => {
    const compiledBefore = cachedSchemaCount();
    const kvsBefore = kvsRequestCount();
    app.takeRequests();
    const answer = await app.invoke('saveDefinition', catastrophic(1), 'bob', moduleKey);
    expect(answer).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    expect(app.takeRequests().map((r) => r.pathname)).toEqual(allowedRequests);
    expect(kvsRequestCount()).toBe(kvsBefore);
    expect(cachedSchemaCount()).toBe(compiledBefore);
  });

  test.each([
    ['deleteDefinition', { key: 'a..b' }],
    ['setAllowRawEditing', { allow: 'yes' }],
    ['saveDelegation', { delegation: { groupId: 'g', groupName: 'g', keys: 'not rules' } }],
    ['searchGroups', { query: 'x'.repeat(10_000) }],
  ])('is refused %s for its rights, not for its payload, with no work done', async (functionKey, payload) => {
    const kvsBefore = kvsRequestCount();
    app.takeRequests();
    const answer = await app.invoke(functionKey, payload, 'bob', moduleKey);
    expect(answer).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    expect(app.takeRequests().map((r) => r.pathname)).toEqual(allowedRequests);
    expect(kvsRequestCount()).toBe(kvsBefore);
  });
});

test('a refused config call names the app settings, not "another user\'s properties"', async () => {
  const answer = await app.invoke('getAppConfig', {}, 'bob');
  expect(answer).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  const { message } = (answer as { error: { message: string } }).error;
  expect(message).toMatch(/settings .*Jira admins.*Administer Jira/);
  expect(message).not.toMatch(/another user/);
});

test('a plain user writing another user\'s property is refused before the value is looked at', async () => {
  app.takeRequests();
  // Far past the app's nesting limit, and still within Jira's size limit.
  const deep = `${'['.repeat(2_000)}${']'.repeat(2_000)}`;
  const answer = await app.invoke('setProperty', { accountId: DEMO_USERS.alice.accountId, key: 'k', json: deep }, 'bob');
  expect(answer).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  expect(app.takeRequests().every((r) => r.method === 'GET' && !r.pathname.startsWith('/rest/api/3/user/properties'))).toBe(true);
});

describe('schemas are isolated (the $id poisoning of review point 1c)', () => {
  test('a refused user cannot register an $id, and no schema can reach outside itself', async () => {
    const poison = { ...catastrophic(2).definition, schema: { $id: 'urn:example:lang', type: 'string' }, defaultValue: 'x' };
    expect(await app.invoke('saveDefinition', { definition: poison }, 'bob')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });

    const base = { title: 'Language', description: '', userEditable: true };
    const remote = { ...base, key: 'lang.remote', schema: { $ref: 'urn:example:lang' }, defaultValue: 'x' };
    const remoteAnswer = await app.invoke('saveDefinition', { definition: remote }, 'admin');
    expect(remoteAnswer).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/outside itself/) } });

    const local = { ...base, key: 'lang', schema: { $defs: { lang: { enum: ['en', 'de'] } }, $ref: '#/$defs/lang' }, defaultValue: 'en' };
    expect(await app.invoke('saveDefinition', { definition: local }, 'admin')).toMatchObject({ success: true });
    const evil = await app.invoke('setProperty', { key: 'lang', json: '{"evil":true}' }, 'bob', MODULE_KEYS.personalSettings);
    expect(evil).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
    expect(await app.invoke('setProperty', { key: 'lang', json: '"de"' }, 'bob', MODULE_KEYS.personalSettings)).toMatchObject({ success: true });
  });

  test('an admin\'s catastrophic pattern is checked in linear time, and a backreference is refused with a reason', async () => {
    const started = Date.now();
    const answer = await app.invoke('saveDefinition', { definition: { ...catastrophic(3).definition, key: 'pattern.admin' } }, 'admin');
    expect(answer).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/does not match its schema/) } });
    expect(Date.now() - started).toBeLessThan(5_000); // a backtracking engine would not return at all
    const backref = { ...catastrophic(4).definition, key: 'pattern.backref', schema: { type: 'string', pattern: '(a)\\1' }, defaultValue: 'aa' };
    const refused = await app.invoke('saveDefinition', { definition: backref }, 'admin');
    expect(refused).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/backreferences and lookaround/) } });
  });

  // Found by the fuzzer (seed 1975410967): {"$ref":"#"} made validating the default overflow the stack (INTERNAL_ERROR).
  test('a schema whose $ref loops without going into the value is refused, not an internal error', async () => {
    const definition = { ...catastrophic(5).definition, key: 'team', schema: { $ref: '#' }, defaultValue: 'x', userEditable: false };
    expect(await app.invoke('saveDefinition', { definition }, 'admin')).toMatchObject({
      success: false,
      error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/refers to itself/) },
    });
  });

  test('unknown fields inside a definition or a key rule are refused', async () => {
    const definition = { key: 'x.y', title: 'X', description: '', schema: { type: 'string' }, defaultValue: 'a', userEditable: true, owner: 'me' };
    expect(await app.invoke('saveDefinition', { definition }, 'admin')).toMatchObject({
      success: false,
      error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/Unexpected field\(s\) in the definition: owner/) },
    });
  });
});
