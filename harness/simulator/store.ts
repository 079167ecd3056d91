import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimUser, SimulatorStore } from './types';

interface UserRow {
  account_id: string;
  email: string;
  display_name: string;
  active: number;
  is_admin: number;
  time_zone: string;
  locale: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  account_id   TEXT PRIMARY KEY,
  email        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  active       INTEGER NOT NULL,
  is_admin     INTEGER NOT NULL,
  time_zone    TEXT NOT NULL,
  locale       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS properties (
  account_id TEXT NOT NULL REFERENCES users(account_id),
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (account_id, key)
);
`;

function toUser(row: UserRow): SimUser {
  return {
    accountId: row.account_id,
    email: row.email,
    displayName: row.display_name,
    active: row.active === 1,
    isAdmin: row.is_admin === 1,
    timeZone: row.time_zone,
    locale: row.locale,
  };
}

// Plain code-unit order, the same on every platform (SQLite's BINARY collation sorts by UTF-8 bytes instead).
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Users and their properties in SQLite. Values are stored as JSON text. */
export class SimStore implements SimulatorStore {
  private readonly db: Database.Database;

  constructor(dbPath = ':memory:') {
    if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
    this.db = new Database(dbPath);
    if (dbPath !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
  }

  inTransaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  countUsers(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  insertUser(user: SimUser): void {
    this.db
      .prepare(
        `INSERT INTO users (account_id, email, display_name, active, is_admin, time_zone, locale)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(user.accountId, user.email, user.displayName, user.active ? 1 : 0, user.isAdmin ? 1 : 0, user.timeZone, user.locale);
  }

  getUser(accountId: string): SimUser | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE account_id = ?').get(accountId) as UserRow | undefined;
    return row && toUser(row);
  }

  getUserByEmail(email: string): SimUser | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
    return row && toUser(row);
  }

  /** Users in a stable order (by display name, then account ID), as Jira pages them. */
  listUsers(): SimUser[] {
    const rows = this.db.prepare('SELECT * FROM users').all() as UserRow[];
    return rows.map(toUser).sort((a, b) => byCodeUnits(a.displayName, b.displayName) || byCodeUnits(a.accountId, b.accountId));
  }

  listKeys(accountId: string): string[] {
    const rows = this.db.prepare('SELECT key FROM properties WHERE account_id = ?').all(accountId) as Array<{ key: string }>;
    return rows.map((row) => row.key).sort(byCodeUnits);
  }

  getPropertyJson(accountId: string, key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM properties WHERE account_id = ? AND key = ?').get(accountId, key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  getProperty(accountId: string, key: string): unknown | undefined {
    const json = this.getPropertyJson(accountId, key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  /** Stores a value given as JSON text; returns true when the property was created, false when replaced. */
  putPropertyJson(accountId: string, key: string, json: string): boolean {
    return this.db.transaction(() => {
      const existed = this.getPropertyJson(accountId, key) !== undefined;
      this.db
        .prepare(
          `INSERT INTO properties (account_id, key, value) VALUES (?, ?, ?)
           ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value`,
        )
        .run(accountId, key, json);
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
    return this.db.prepare('DELETE FROM properties WHERE account_id = ? AND key = ?').run(accountId, key).changes > 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
