import { DEMO_GROUPS } from '../../harness/simulator';
import { propertiesJson } from '../../src/domain/property-export';
import { importParts, readImportFile } from '../../src/domain/property-import';
import type { ImportItem, ImportStage, JobStatus } from '../../src/shared/contract';
import { allResults, counts, generatedPeople, invokeOk } from '../support/bulk-site';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

// An import of `{ accountId: { key: value } }` as the exports write it: staged part by part through the real resolver,
// dry-run, run and undone as a bulk job on the local queue, against the simulated site; checked in the simulator's
// own store and request log.
let app: TestApp;
const { alice } = DEMO_USERS;

beforeAll(async () => {
  app = await startTestApp({ siteUsers: 500, runtime: { queue: { concurrency: 4, clock: { timeScale: 100 } }, scheduler: { enabled: false } } });
  const HR = DEMO_GROUPS.hrManagers;
  const saved = await app.invoke('saveDelegation', { delegation: { groupId: HR.groupId, groupName: HR.name, keys: [{ match: 'prefix', value: 'imp.delegated.' }] } }, 'admin');
  if (!saved.success) throw new Error(`saveDelegation failed: ${JSON.stringify(saved)}`);
}, 60_000);
afterAll(() => app.close());
afterEach(() => {
  app.simulator.faults.clear();
  app.runtime.queue.faults.reset();
});

const lastSeq = () => app.simulator.requests.at(-1)?.seq ?? 0;
const requestsSince = (seq: number) => app.simulator.requests.filter((r) => r.seq > seq);
const writesSince = (seq: number) =>
  requestsSince(seq).filter((r) => (r.method === 'PUT' || r.method === 'DELETE') && r.pathname.includes('/user/properties/') && r.status >= 200 && r.status < 300);

/** PUTs a value as raw text, as curl with an API token would: Jira keeps the body's characters. */
async function curlPut(accountId: string, key: string, body: string): Promise<void> {
  const response = await fetch(`${app.simulator.baseUrl}/rest/api/3/user/properties/${key}?accountId=${accountId}`, {
    method: 'PUT',
    headers: { authorization: `Basic ${Buffer.from(`${DEMO_USERS.admin.email}:token`).toString('base64')}`, 'content-type': 'application/json' },
    body,
  });
  if (response.status >= 300) throw new Error(`PUT ${key} answered ${response.status}`);
}

const ok = <T>(key: string, payload: unknown, as: DemoUser = 'admin') => invokeOk<T>(app, key, payload, as);

/** Stages the items in parts of `partBytes`, as the import screen does; answers the last part's stage. */
async function stage(items: readonly ImportItem[], partBytes?: number, as: DemoUser = 'admin'): Promise<ImportStage> {
  const parts = importParts(items, partBytes);
  let staged: ImportStage | undefined;
  for (const [part, partItems] of parts.entries()) {
    staged = await ok<ImportStage>('stageImport', { ...(staged ? { importId: staged.importId } : {}), part, items: partItems, last: part === parts.length - 1 }, as);
  }
  return staged!;
}

async function runImport(importId: string, dryRun: boolean, as: DemoUser = 'admin'): Promise<JobStatus> {
  const { jobId } = await ok<{ jobId: string }>('startJob', { kind: 'bulk', dryRun, target: { import: importId }, operation: { op: 'import' } }, as);
  await app.runtime.queue.idle();
  return ok<JobStatus>('getJob', { jobId }, as);
}


const PROFILE = (i: number) => `{ "budget": 1234567890123456789${i % 10}, "name": "Zo\\u00eb", "level" : ${i} }`;

test('an exported file imported: the dry run writes nothing, the run writes exactly its values, a re-run nothing, undo restores', async () => {
  const people = generatedPeople(app).slice(0, 300);
  // The file as the exports write it: each user's values embedded exactly.
  const file = `{\n${people.map((accountId, i) => {
    const user = propertiesJson(accountId, [{ key: 'imp.profile', json: PROFILE(i) }, ...(i % 3 === 0 ? [{ key: 'imp.flag', json: 'true' }] : [])]);
    return user.slice(2, -3);
  }).join(',\n')}\n}\n`;
  const parsed = readImportFile(file);
  expect(parsed).toMatchObject({ users: 300, keys: ['imp.profile', 'imp.flag'], problems: [] });
  // 10 users already hold their value (in another spelling), 10 another value: unchanged and change.
  for (const [i, accountId] of people.slice(0, 10).entries()) await curlPut(accountId, 'imp.profile', PROFILE(i).replace(/ /g, ''));
  for (const accountId of people.slice(10, 20)) await curlPut(accountId, 'imp.profile', '{"old":true}');
  const outsider = generatedPeople(app)[400]!;
  await curlPut(outsider, 'imp.profile', '"not in the file"');

  // Parts of ~20 KB: a user's two values may fall either side of a part's end.
  const staged = await stage(parsed.items, 20_000);
  expect(staged).toMatchObject({ users: 300, items: parsed.items.length, keys: ['imp.profile', 'imp.flag'], complete: true });

  const before = lastSeq();
  const dry = await runImport(staged.importId, true);
  const flags = people.filter((_, i) => i % 3 === 0).length;
  // Users with one write count by it (create or change); a user given two values counts as one change.
  expect(dry).toMatchObject({ state: 'done', total: 300, bulk: { dryRun: true, operation: { op: 'import', keys: ['imp.profile', 'imp.flag'] }, target: { import: staged.importId, users: 300 } } });
  expect(dry.bulk!.counts.unchanged + dry.bulk!.counts.change + dry.bulk!.counts.create).toBe(300);
  expect(dry.bulk!.samples[0]).toMatchObject({ key: expect.stringMatching(/^imp\./), after: expect.any(String) });
  expect(writesSince(before)).toHaveLength(0);

  const runStart = lastSeq();
  const done = await runImport(staged.importId, false);
  expect(done).toMatchObject({ state: 'done', total: 300, failed: 0 });
  expect(done.bulk!.counts).toEqual(dry.bulk!.counts);
  for (const [i, accountId] of people.entries()) {
    // Byte for byte as the file spelled it, except the 10 already holding it, which were not written.
    expect(app.simulator.store.getPropertyJson(accountId, 'imp.profile')).toBe(i < 10 ? PROFILE(i).replace(/ /g, '') : PROFILE(i));
    expect(app.simulator.store.getPropertyJson(accountId, 'imp.flag')).toBe(i % 3 === 0 ? 'true' : undefined);
  }
  expect(app.simulator.store.getPropertyJson(outsider, 'imp.profile')).toBe('"not in the file"');
  const writes = writesSince(runStart);
  expect(writes).toHaveLength(290 + flags);
  // Of the 10 already holding their profile, only those also given imp.flag were written to.
  expect(new Set(writes.map((w) => w.query.accountId)).size).toBe(people.filter((_, i) => i >= 10 || i % 3 === 0).length);

  const again = lastSeq();
  expect((await runImport(staged.importId, false)).bulk!.counts).toEqual(counts({ unchanged: 300 }));
  expect(writesSince(again)).toHaveLength(0);

  // Someone edits one imported user; the undo leaves them, and restores everyone else.
  const edited = people[50]!;
  await curlPut(edited, 'imp.profile', '{"edited":1}');
  const { jobId: undoId } = await ok<{ jobId: string }>('undoJob', { jobId: done.jobId });
  await app.runtime.queue.idle();
  const undone = await ok<JobStatus>('getJob', { jobId: undoId });
  expect(undone.bulk!.counts.conflict).toBe(1);
  for (const [i, accountId] of people.entries()) {
    const expected = accountId === edited ? '{"edited":1}' : i < 10 ? PROFILE(i).replace(/ /g, '') : i < 20 ? '{"old":true}' : undefined;
    expect(app.simulator.store.getPropertyJson(accountId, 'imp.profile')).toBe(expected);
    if (accountId !== edited) expect(app.simulator.store.getPropertyJson(accountId, 'imp.flag')).toBeUndefined();
  }
  expect((await allResults(app, undoId)).find((r) => r.accountId === edited)).toMatchObject({ outcome: 'conflict' });
}, 180_000);

test('values near Jira\'s 32,768 bytes take many stored parts (and a second block of users), and land exactly, once, with faults injected', async () => {
  const people = generatedPeople(app).slice(300, 420).sort();
  const big = (i: number, k: number) => `{"n":${k},"pad":"${String(i).padStart(6, '0')}${'é'.repeat(15_000)}"}`;
  const items: ImportItem[] = people.flatMap((accountId, i) => [0, 1].map((k): ImportItem => [accountId, `imp.big.${k}`, big(i, k)]));
  const staged = await stage(items);
  expect(staged).toMatchObject({ users: 120, items: 240, complete: true });

  app.runtime.queue.faults.duplicateProbability = 0.3;
  app.runtime.queue.faults.crashProbability = 0.05;
  app.runtime.queue.faults.crashAfterMs = 150;
  app.simulator.faults.add({ status: 429, times: 20, retryAfterSeconds: 2, method: 'PUT', after: 10 });
  app.simulator.faults.add({ status: 503, times: 3, method: 'PUT', after: 40 });
  app.simulator.faults.add({ kind: 'drop-after', times: 3, method: 'PUT', after: 70 });
  const start = lastSeq();
  const done = await runImport(staged.importId, false);
  expect(done).toMatchObject({ state: 'done', total: 120, failed: 0, bulk: { counts: counts({ change: 120 }) } });
  for (const [i, accountId] of people.entries()) {
    for (const k of [0, 1]) expect(app.simulator.store.getPropertyJson(accountId, `imp.big.${k}`)).toBe(big(i, k));
  }
  const applied = requestsSince(start).filter((r) => r.method === 'PUT' && r.pathname.includes('imp.big') && (r.handledStatus ?? r.status) >= 200 && (r.handledStatus ?? r.status) < 300);
  expect(applied).toHaveLength(240);
  expect(new Set(applied.map((r) => `${r.query.accountId} ${r.pathname}`)).size).toBe(240);
}, 180_000);

test('a 429 between a user\'s two imported values: the rest of the chunk finds the first one written, and the user counts once, as a change', async () => {
  const people = generatedPeople(app).slice(440, 445).sort();
  const items = people.flatMap((accountId): ImportItem[] => [[accountId, 'imp.cont.a', '1'], [accountId, 'imp.cont.b', '2']]);
  const staged = await stage(items);
  app.simulator.faults.add({ status: 429, times: 1, retryAfterSeconds: 1, method: 'PUT', pathIncludes: 'imp.cont.b' });
  const start = lastSeq();
  const done = await runImport(staged.importId, false);
  expect(done).toMatchObject({ state: 'done', total: 5, bulk: { counts: counts({ change: 5 }) } });
  for (const accountId of people) {
    expect(app.simulator.store.getPropertyJson(accountId, 'imp.cont.a')).toBe('1');
    expect(app.simulator.store.getPropertyJson(accountId, 'imp.cont.b')).toBe('2');
  }
  expect(writesSince(start)).toHaveLength(10);
});

test('stageImport checks every item and part before anything is kept, and only the owner goes on with an import', async () => {
  const [a, b] = generatedPeople(app).slice(0, 2).sort() as [string, string];
  const start = lastSeq();
  const bad = await app.invoke('stageImport', { part: 0, items: [[a, 'imp.x', '{"n": 1,}']], last: true }, 'admin', MODULE_KEYS.adminPage);
  expect(bad).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('not valid JSON') } });
  const unordered = await app.invoke('stageImport', { part: 0, items: [[b, 'imp.x', '1'], [a, 'imp.x', '1']], last: true }, 'admin', MODULE_KEYS.adminPage);
  expect(unordered).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('ordered by accountId') } });
  expect(requestsSince(start)).toHaveLength(0);

  const first = await ok<ImportStage>('stageImport', { part: 0, items: [[a, 'imp.x', '1']], last: false });
  expect(await app.invoke('stageImport', { importId: first.importId, part: 2, items: [], last: true }, 'admin', MODULE_KEYS.adminPage)).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
  expect(await app.invoke('stageImport', { importId: first.importId, part: 1, items: [[a, 'imp.x', '2']], last: true }, 'admin', MODULE_KEYS.adminPage)).toMatchObject({
    success: false,
    error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('twice') },
  });
  // Another user cannot see, extend or run it.
  expect(await app.invoke('stageImport', { importId: first.importId, part: 1, items: [], last: true }, 'alice', MODULE_KEYS.adminPage)).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  // Not complete yet: it cannot be run.
  expect(await app.invoke('startJob', { kind: 'bulk', dryRun: true, target: { import: first.importId }, operation: { op: 'import' } }, 'admin', MODULE_KEYS.adminPage)).toMatchObject({
    success: false,
    error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('not complete') },
  });
  expect(await app.invoke('startJob', { kind: 'bulk', dryRun: true, target: { accountIds: [a] }, operation: { op: 'import' } }, 'admin', MODULE_KEYS.adminPage)).toMatchObject({
    success: false,
    error: { code: 'VALIDATION_ERROR' },
  });
  const done = await ok<ImportStage>('stageImport', { importId: first.importId, part: 1, items: [], last: true });
  expect(done).toMatchObject({ users: 1, items: 1, complete: true });
  expect(await app.invoke('stageImport', { importId: first.importId, part: 2, items: [], last: true }, 'admin', MODULE_KEYS.adminPage)).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
});

test('a delegate imports only granted keys, and never into their own record', async () => {
  const people = generatedPeople(app).slice(450, 460);
  const refused = await app.invoke('stageImport', { part: 0, items: [[people[0], 'team', '"x"']], last: true }, 'alice', MODULE_KEYS.adminPage);
  expect(refused).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  const items = [...people, alice.accountId].sort().map((accountId): ImportItem => [accountId, 'imp.delegated.a', '7']);
  const staged = await stage(items, undefined, 'alice');
  const done = await runImport(staged.importId, false, 'alice');
  expect(done.bulk!.counts).toEqual(counts({ create: 10, refused: 1 }));
  for (const accountId of people) expect(app.simulator.store.getPropertyJson(accountId, 'imp.delegated.a')).toBe('7');
  expect(app.simulator.store.getPropertyJson(alice.accountId, 'imp.delegated.a')).toBeUndefined();
  // An admin's import is not the delegate's to run.
  const adminImport = await stage([[people[0]!, 'imp.delegated.b', '1']]);
  expect(await app.invoke('startJob', { kind: 'bulk', dryRun: true, target: { import: adminImport.importId }, operation: { op: 'import' } }, 'alice', MODULE_KEYS.adminPage)).toMatchObject({
    success: false,
    error: { code: 'NOT_FOUND' },
  });
});
