import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSimulator, DEMO_PROPERTIES, DEMO_USERS, MAX_VALUE_BYTES } from '../../harness/simulator';
import { basic, keysPath, propertyPath, start } from './helpers';

const { admin, alice, bob, carol, dmitri } = DEMO_USERS;

describe('persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jira-sim-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('data written over HTTP survives close and reopen; the parent directory is created', async () => {
    const dbPath = path.join(dir, 'nested', 'deeper', 'jira.sqlite');
    const first = await start({ dbPath });
    expect((await first.put(propertyPath('myapp.saved', alice.accountId), basic(alice.email), '{"n":1,"s":"ключ 🎉"}')).status).toBe(201);
    expect((await first.call('DELETE', propertyPath('team', alice.accountId), { as: basic(alice.email) })).status).toBe(204);
    await first.sim.close();
    expect(fs.existsSync(dbPath)).toBe(true);

    const second = await start({ dbPath });
    try {
      const read = await second.call('GET', propertyPath('myapp.saved', alice.accountId), { as: basic(alice.email) });
      expect(await read.json()).toEqual({ key: 'myapp.saved', value: { n: 1, s: 'ключ 🎉' } });
      // Not reseeded: the deleted demo property stays deleted and no user is duplicated.
      expect(second.sim.store.getProperty(alice.accountId, 'team')).toBeUndefined();
      expect(second.sim.store.listUsers()).toHaveLength(5);
      // A second write to the same key is an update.
      expect((await second.put(propertyPath('myapp.saved', alice.accountId), basic(alice.email), '2')).status).toBe(200);
    } finally {
      await second.sim.close();
    }
  });

  test('a file database uses WAL journalling', async () => {
    const dbPath = path.join(dir, 'wal.sqlite');
    const sim = createSimulator({ dbPath });
    sim.store.setProperty(bob.accountId, 'x', 1);
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(true);
    await sim.close();
  });

  test('seed: false leaves an empty database empty', async () => {
    const sim = createSimulator({ dbPath: path.join(dir, 'empty.sqlite'), seed: false });
    expect(sim.store.listUsers()).toEqual([]);
    await sim.close();
  });

  test('a database from before profile visibility is migrated: rows kept, demo users get their setting', async () => {
    const dbPath = path.join(dir, 'old.sqlite');
    // The users table as the simulator wrote it before email visibility existed.
    const old = new Database(dbPath);
    old.exec(`
      CREATE TABLE users (account_id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT NOT NULL,
        active INTEGER NOT NULL, is_admin INTEGER NOT NULL, time_zone TEXT NOT NULL, locale TEXT NOT NULL);
      CREATE TABLE properties (account_id TEXT NOT NULL REFERENCES users(account_id), key TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (account_id, key));`);
    const insert = old.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const u of [dmitri, alice, { ...alice, accountId: '5f3333333333333333333333', email: 'zoe@example.com', displayName: 'Zoe' }]) {
      insert.run(u.accountId, u.email, u.displayName, u.active ? 1 : 0, u.isAdmin ? 1 : 0, u.timeZone, u.locale);
    }
    old.prepare('INSERT INTO properties VALUES (?, ?, ?)').run(dmitri.accountId, 'kept', '{"n":1}');
    old.close();

    const first = createSimulator({ dbPath });
    try {
      expect(first.store.listUsers().map((u) => [u.displayName, u.emailVisibility])).toEqual([
        ['Alice Nguyen', 'anyone'],
        ['Zoe', 'anyone'],
        ['Дмитрий Иванов', 'private'],
      ]);
      expect(first.store.getProperty(dmitri.accountId, 'kept')).toEqual({ n: 1 });
      first.store.setEmailVisibility(alice.accountId, 'private');
    } finally {
      await first.close();
    }
    // Migrated once: a setting changed afterwards is not reset on the next open.
    const second = createSimulator({ dbPath });
    try {
      expect(second.store.getUser(alice.accountId)?.emailVisibility).toBe('private');
      expect(second.store.getUser(dmitri.accountId)?.emailVisibility).toBe('private');
    } finally {
      await second.close();
    }
  });

  test('two in-memory simulators do not share data', async () => {
    const a = createSimulator();
    const b = createSimulator();
    a.store.setProperty(alice.accountId, 'only.in.a', true);
    expect(b.store.getProperty(alice.accountId, 'only.in.a')).toBeUndefined();
    await a.close();
    await b.close();
  });
});

describe('demo seed', () => {
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
  const propertiesOf = (accountId: string) => DEMO_PROPERTIES.filter((p) => p.accountId === accountId);

  test('DEMO_USERS: five users, one admin, carol inactive, both account ID shapes', () => {
    expect(Object.keys(DEMO_USERS)).toEqual(['admin', 'alice', 'bob', 'carol', 'dmitri']);
    expect(Object.values(DEMO_USERS).filter((u) => u.isAdmin)).toEqual([admin]);
    expect(Object.values(DEMO_USERS).filter((u) => !u.active)).toEqual([carol]);
    expect(admin).toMatchObject({ email: 'admin@example.com', displayName: 'Alex Admin' });
    expect(dmitri.displayName).toBe('Дмитрий Иванов');
    const ids = Object.values(DEMO_USERS).map((u) => u.accountId);
    expect(ids.filter((id) => /^[0-9a-f]{24}$/.test(id)).length).toBeGreaterThanOrEqual(2);
    expect(ids.filter((id) => /^\d+:[0-9a-f-]{36}$/.test(id)).length).toBeGreaterThanOrEqual(2);
  });

  test('the seeded store holds exactly the demo users and properties', async () => {
    const sim = createSimulator();
    try {
      expect(sim.store.listUsers().map((u) => u.accountId).sort()).toEqual(Object.values(DEMO_USERS).map((u) => u.accountId).sort());
      for (const user of Object.values(DEMO_USERS)) expect(sim.store.getUser(user.accountId)).toEqual(user);
      for (const property of DEMO_PROPERTIES) expect(sim.store.getProperty(property.accountId, property.key)).toEqual(property.value);
      const total = Object.values(DEMO_USERS).reduce((n, u) => n + sim.store.listKeys(u.accountId).length, 0);
      expect(total).toBe(DEMO_PROPERTIES.length);
    } finally {
      await sim.close();
    }
  });

  test('bob holds a value just under the 32,768-byte limit', () => {
    const history = propertiesOf(bob.accountId).find((p) => p.key === 'myapp.history');
    expect(Array.isArray(history?.value)).toBe(true);
    expect(bytes(history?.value)).toBeGreaterThan(31_000);
    expect(bytes(history?.value)).toBeLessThanOrEqual(MAX_VALUE_BYTES);
  });

  test('bob can read his near-limit value and write it back unchanged', async () => {
    const run = await start();
    try {
      const read = await run.call('GET', propertyPath('myapp.history', bob.accountId), { as: basic(bob.email) });
      const { value } = (await read.json()) as { value: unknown };
      expect((await run.put(propertyPath('myapp.history', bob.accountId), basic(bob.email), JSON.stringify(value))).status).toBe(200);
    } finally {
      await run.sim.close();
    }
  });

  test('alice has nested preferences, dmitri has emoji, CJK and Cyrillic values', () => {
    const prefs = propertiesOf(alice.accountId).find((p) => p.key === 'myapp.preferences')?.value as Record<string, unknown>;
    expect(prefs).toMatchObject({ theme: 'dark', notifications: expect.any(Object), pinnedDashboards: expect.any(Array) });
    const dmitriJson = JSON.stringify(propertiesOf(dmitri.accountId).map((p) => p.value));
    expect(dmitriJson).toMatch(/\p{Extended_Pictographic}/u);
    expect(dmitriJson).toMatch(/\p{Script=Han}/u);
    expect(dmitriJson).toMatch(/\p{Script=Cyrillic}/u);
  });

  test('keys that Jira and other apps write are present on admin and alice', () => {
    const keysOf = (accountId: string) => propertiesOf(accountId).map((p) => p.key);
    for (const key of ['navigation_next_ui_state', 'onboarding', 'costCenter', 'team']) {
      expect(keysOf(admin.accountId)).toContain(key);
      expect(keysOf(alice.accountId)).toContain(key);
    }
    expect(keysOf(admin.accountId)).toContain('com.atlassian.jira.mobile.settings');
  });

  test('the inactive user still has properties an admin can list', async () => {
    const run = await start();
    try {
      const response = await run.call('GET', keysPath(carol.accountId), { as: basic(admin.email) });
      expect(((await response.json()) as { keys: Array<{ key: string }> }).keys.map((k) => k.key)).toEqual(['team']);
    } finally {
      await run.sim.close();
    }
  });
});
