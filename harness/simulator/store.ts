import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccountType, EmailVisibility, SimGroup, SimUser, SimulatorStore } from './types';

/** Jira Cloud (Atlassian admin) refuses group names longer than this. */
export const MAX_GROUP_NAME_LENGTH = 255;

interface UserRow {
  account_id: string;
  email: string;
  display_name: string;
  active: number;
  is_admin: number;
  time_zone: string;
  locale: string;
  email_visibility: string;
  account_type: string;
}

const EMAIL_VISIBILITIES: readonly EmailVisibility[] = ['anyone', 'private'];
const ACCOUNT_TYPES: readonly AccountType[] = ['atlassian', 'app', 'customer'];

/**
 * A user to insert; who may see the email address defaults to anyone (`emailVisibility: 'anyone'`), the account type
 * to 'atlassian'.
 */
export type NewSimUser = Omit<SimUser, 'emailVisibility'> & { emailVisibility?: EmailVisibility };

/** Rows for bulkInsert: written with one prepared statement each, in one transaction. */
export interface BulkRows {
  users: readonly NewSimUser[];
  /** Values as JSON text, stored as given. */
  properties: ReadonlyArray<{ accountId: string; key: string; json: string }>;
  memberships: ReadonlyArray<{ groupId: string; accountId: string }>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  account_id   TEXT PRIMARY KEY,
  email        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  active       INTEGER NOT NULL,
  is_admin     INTEGER NOT NULL,
  time_zone    TEXT NOT NULL,
  locale       TEXT NOT NULL,
  email_visibility TEXT NOT NULL DEFAULT 'anyone' CHECK (email_visibility IN ('anyone', 'private')),
  account_type TEXT NOT NULL DEFAULT 'atlassian' CHECK (account_type IN ('atlassian', 'app', 'customer'))
);
CREATE TABLE IF NOT EXISTS properties (
  account_id TEXT NOT NULL REFERENCES users(account_id),
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (account_id, key)
);
-- name_key is the name in lower case (full Unicode, unlike SQLite's NOCASE): Jira's names are unique case-insensitively.
CREATE TABLE IF NOT EXISTS groups (
  group_id TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS group_members (
  group_id   TEXT NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES users(account_id),
  PRIMARY KEY (group_id, account_id)
);
CREATE INDEX IF NOT EXISTS group_members_by_account ON group_members (account_id);
CREATE INDEX IF NOT EXISTS properties_by_key ON properties (key);
-- What the simulator itself has recorded about this database, e.g. how many users a generated site has had added.
CREATE TABLE IF NOT EXISTS site_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

interface GroupRow {
  group_id: string;
  name: string;
}

function toGroup(row: GroupRow): SimGroup {
  return { groupId: row.group_id, name: row.name };
}

function groupKey(name: string): string {
  return name.toLowerCase();
}

function toUser(row: UserRow): SimUser {
  return {
    accountId: row.account_id,
    email: row.email,
    displayName: row.display_name,
    active: row.active === 1,
    isAdmin: row.is_admin === 1,
    timeZone: row.time_zone,
    locale: row.locale,
    // Anything unexpected in the column counts as private: fail closed.
    emailVisibility: row.email_visibility === 'anyone' ? 'anyone' : 'private',
    accountType: (ACCOUNT_TYPES as readonly string[]).includes(row.account_type) ? (row.account_type as AccountType) : 'atlassian',
  };
}

// Plain code-unit order, the same on every platform (SQLite's BINARY collation sorts by UTF-8 bytes instead).
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byGroupName(a: SimGroup, b: SimGroup): number {
  return byCodeUnits(groupKey(a.name), groupKey(b.name)) || byCodeUnits(a.name, b.name);
}

/**
 * Users, their properties, groups and memberships in SQLite. Values are stored as JSON text. Nothing is cached except
 * the sorted user list, and that only while the database is unchanged (see usersInOrder).
 */
export class SimStore implements SimulatorStore {
  private readonly db: Database.Database;
  /**
   * True when this open created the group tables: a new database, or one written before the simulator had groups
   * (the seed then adds the demo groups to it).
   */
  readonly groupTablesCreated: boolean;
  /**
   * True when this open added users.email_visibility to a database written before the simulator had profile
   * visibility (every existing user then starts at 'anyone'; the seed gives the demo users their settings).
   */
  readonly emailVisibilityAdded: boolean;
  private readonly statements = new Map<string, Database.Statement>();
  private sortedUsers: { version: string; users: readonly SimUser[] } | undefined;

  constructor(dbPath = ':memory:') {
    if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
    this.db = new Database(dbPath);
    if (dbPath !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.groupTablesCreated = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'groups'").get() === undefined;
    const hadUsers = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").get() !== undefined;
    this.db.exec(SCHEMA);
    this.emailVisibilityAdded = hadUsers && !this.hasColumn('users', 'email_visibility');
    // Migration for .data databases written before profile visibility: ADD COLUMN keeps every row and its data.
    if (this.emailVisibilityAdded) {
      this.db.exec(
        "ALTER TABLE users ADD COLUMN email_visibility TEXT NOT NULL DEFAULT 'anyone' CHECK (email_visibility IN ('anyone', 'private'))",
      );
    }
    // Likewise for databases written before account types: every existing user was an Atlassian account.
    if (!this.hasColumn('users', 'account_type')) {
      this.db.exec(
        "ALTER TABLE users ADD COLUMN account_type TEXT NOT NULL DEFAULT 'atlassian' CHECK (account_type IN ('atlassian', 'app', 'customer'))",
      );
    }
  }

  // Prepared once per store: bulk work (a generated site, paging thousands of users) runs the same few statements.
  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private hasColumn(table: string, column: string): boolean {
    const columns = this.stmt(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    return columns.some((c) => c.name === column);
  }

  inTransaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  countUsers(): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  insertUser(user: NewSimUser): void {
    this.stmt(
      `INSERT INTO users (account_id, email, display_name, active, is_admin, time_zone, locale, email_visibility, account_type)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      user.accountId,
      user.email,
      user.displayName,
      user.active ? 1 : 0,
      user.isAdmin ? 1 : 0,
      user.timeZone,
      user.locale,
      user.emailVisibility ?? 'anyone',
      user.accountType ?? 'atlassian',
    );
  }

  /** Inserts users, property values and memberships in one transaction (all or nothing). */
  bulkInsert(rows: BulkRows): void {
    const property = this.stmt('INSERT INTO properties (account_id, key, value) VALUES (?, ?, ?)');
    const member = this.stmt('INSERT OR IGNORE INTO group_members (group_id, account_id) VALUES (?, ?)');
    this.inTransaction(() => {
      for (const user of rows.users) this.insertUser(user);
      for (const p of rows.properties) property.run(p.accountId, p.key, p.json);
      for (const m of rows.memberships) member.run(m.groupId, m.accountId);
    });
  }

  /** Every user's property keys (sorted) in one query; users without properties are absent. For ground truth in tests. */
  keysByUser(): Map<string, string[]> {
    const rows = this.stmt('SELECT account_id, key FROM properties').all() as Array<{ account_id: string; key: string }>;
    const keys = new Map<string, string[]>();
    for (const row of rows) {
      const list = keys.get(row.account_id);
      if (list) list.push(row.key);
      else keys.set(row.account_id, [row.key]);
    }
    for (const list of keys.values()) list.sort(byCodeUnits);
    return keys;
  }

  /** accountId → the JSON text of `key`, for every user who has it, in one query. */
  valuesOfKey(key: string): Map<string, string> {
    const rows = this.stmt('SELECT account_id, value FROM properties WHERE key = ?').all(key) as Array<{ account_id: string; value: string }>;
    return new Map(rows.map((row) => [row.account_id, row.value]));
  }

  getMeta(key: string): string | undefined {
    return (this.stmt('SELECT value FROM site_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.stmt('INSERT INTO site_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  getUser(accountId: string): SimUser | undefined {
    const row = this.stmt('SELECT * FROM users WHERE account_id = ?').get(accountId) as UserRow | undefined;
    return row && toUser(row);
  }

  getUserByEmail(email: string): SimUser | undefined {
    const row = this.stmt('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
    return row && toUser(row);
  }

  /** Users in a stable order (by display name, then account ID), as Jira pages them. */
  listUsers(): SimUser[] {
    return this.usersInOrder().map((user) => ({ ...user }));
  }

  /**
   * Every user, sorted, shared (callers copy). Paging thousands of users reads this list once per page, so it is kept
   * while the database is unchanged: SQLite's data_version moves when another connection commits, total_changes()
   * when this one writes anything.
   */
  private usersInOrder(): readonly SimUser[] {
    const version = `${String(this.db.pragma('data_version', { simple: true }))}:${(this.stmt('SELECT total_changes() AS n').get() as { n: number }).n}`;
    if (this.sortedUsers?.version !== version) {
      const rows = this.stmt('SELECT * FROM users').all() as UserRow[];
      const users = rows.map(toUser).sort((a, b) => byCodeUnits(a.displayName, b.displayName) || byCodeUnits(a.accountId, b.accountId));
      this.sortedUsers = { version, users };
    }
    return this.sortedUsers.users;
  }

  listKeys(accountId: string): string[] {
    const rows = this.stmt('SELECT key FROM properties WHERE account_id = ?').all(accountId) as Array<{ key: string }>;
    return rows.map((row) => row.key).sort(byCodeUnits);
  }

  getPropertyJson(accountId: string, key: string): string | undefined {
    const row = this.stmt('SELECT value FROM properties WHERE account_id = ? AND key = ?').get(accountId, key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  getProperty(accountId: string, key: string): unknown | undefined {
    const json = this.getPropertyJson(accountId, key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  /**
   * Stores a value given as JSON text, kept exactly as given (the PUT route passes the body as sent); returns true
   * when the property was created, false when replaced.
   */
  putPropertyJson(accountId: string, key: string, json: string): boolean {
    return this.db.transaction(() => {
      const existed = this.getPropertyJson(accountId, key) !== undefined;
      this.stmt(
        `INSERT INTO properties (account_id, key, value) VALUES (?, ?, ?)
         ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value`,
      ).run(accountId, key, json);
      return !existed;
    })();
  }

  setProperty(accountId: string, key: string, value: unknown): void {
    const json = JSON.stringify(value);
    if (json === undefined) throw new Error(`setProperty: ${String(value)} is not a JSON value`);
    this.putPropertyJson(accountId, key, json);
  }

  /** Returns true when a property was deleted. */
  deleteProperty(accountId: string, key: string): boolean {
    return this.stmt('DELETE FROM properties WHERE account_id = ? AND key = ?').run(accountId, key).changes > 0;
  }

  countGroups(): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM groups').get() as { n: number }).n;
  }

  listGroups(): SimGroup[] {
    const rows = this.stmt('SELECT group_id, name FROM groups').all() as GroupRow[];
    return rows.map(toGroup).sort(byGroupName);
  }

  getGroupByName(name: string): SimGroup | undefined {
    const row = this.stmt('SELECT group_id, name FROM groups WHERE name_key = ?').get(groupKey(name)) as GroupRow | undefined;
    return row && toGroup(row);
  }

  getGroupById(groupId: string): SimGroup | undefined {
    const row = this.stmt('SELECT group_id, name FROM groups WHERE group_id = ?').get(groupId) as GroupRow | undefined;
    return row && toGroup(row);
  }

  groupsOf(accountId: string): SimGroup[] {
    const rows = this.stmt('SELECT g.group_id, g.name FROM groups g JOIN group_members m ON m.group_id = g.group_id WHERE m.account_id = ?').all(
      accountId,
    ) as GroupRow[];
    return rows.map(toGroup).sort(byGroupName);
  }

  private requireGroup(groupName: string): SimGroup {
    const group = this.getGroupByName(groupName);
    if (!group) throw new Error(`group '${groupName}' does not exist`);
    return group;
  }

  /** Members in the order of listUsers(): by display name, then account ID. */
  membersOf(groupName: string): SimUser[] {
    const group = this.requireGroup(groupName);
    const rows = this.stmt('SELECT account_id FROM group_members WHERE group_id = ?').all(group.groupId) as Array<{ account_id: string }>;
    const members = new Set(rows.map((row) => row.account_id));
    return this.usersInOrder()
      .filter((user) => members.has(user.accountId))
      .map((user) => ({ ...user }));
  }

  addGroup(name: string, groupId: string = randomUUID()): SimGroup {
    if (name.trim() === '') throw new Error('a group name must not be empty');
    if (name.length > MAX_GROUP_NAME_LENGTH) throw new Error(`a group name must not be longer than ${MAX_GROUP_NAME_LENGTH} characters`);
    if (groupId === '') throw new Error('a group ID must not be empty');
    return this.inTransaction(() => {
      const existing = this.getGroupByName(name);
      if (existing) throw new Error(`a group named '${existing.name}' already exists (names are case-insensitive)`);
      if (this.getGroupById(groupId)) throw new Error(`a group with ID '${groupId}' already exists`);
      this.stmt('INSERT INTO groups (group_id, name, name_key) VALUES (?, ?, ?)').run(groupId, name, groupKey(name));
      return { groupId, name };
    });
  }

  addMember(groupName: string, accountId: string): boolean {
    return this.inTransaction(() => {
      const group = this.requireGroup(groupName);
      if (!this.getUser(accountId)) throw new Error(`user '${accountId}' does not exist`);
      const result = this.stmt('INSERT OR IGNORE INTO group_members (group_id, account_id) VALUES (?, ?)').run(group.groupId, accountId);
      return result.changes > 0;
    });
  }

  removeMember(groupName: string, accountId: string): boolean {
    const group = this.requireGroup(groupName);
    return this.stmt('DELETE FROM group_members WHERE group_id = ? AND account_id = ?').run(group.groupId, accountId).changes > 0;
  }

  setAdmin(accountId: string, isAdmin: boolean): boolean {
    return this.inTransaction(() => {
      const user = this.getUser(accountId);
      if (!user) throw new Error(`user '${accountId}' does not exist`);
      if (user.isAdmin === isAdmin) return false;
      this.stmt('UPDATE users SET is_admin = ? WHERE account_id = ?').run(isAdmin ? 1 : 0, accountId);
      return true;
    });
  }

  setEmailVisibility(accountId: string, visibility: EmailVisibility): boolean {
    if (!EMAIL_VISIBILITIES.includes(visibility)) throw new Error(`email visibility must be 'anyone' or 'private', got ${String(visibility)}`);
    return this.inTransaction(() => {
      const user = this.getUser(accountId);
      if (!user) throw new Error(`user '${accountId}' does not exist`);
      if (user.emailVisibility === visibility) return false;
      this.stmt('UPDATE users SET email_visibility = ? WHERE account_id = ?').run(visibility, accountId);
      return true;
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
