import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/** Plain keys (`kvs.set`), secrets (`kvs.setSecret`, never returned by queries) and custom entities. */
export type Space = 'kvs' | 'secret' | 'entity';

export interface StoredEntry {
  space: Space;
  /** '' outside the entity space. */
  entityName: string;
  key: string;
  value: unknown;
  /** Milliseconds since the epoch, as the service reports them. */
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

interface Row {
  space: Space;
  entity: string;
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
}

// One installation's data (Forge namespaces storage per installation; a local runtime is one installation).
// Keys sort in SQLite's BINARY collation, i.e. by UTF-8 bytes, as the service's key ordering does.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS kvs_entries (
  space      TEXT    NOT NULL,
  entity     TEXT    NOT NULL DEFAULT '',
  key        TEXT    NOT NULL,
  value      TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER,
  PRIMARY KEY (space, entity, key)
) WITHOUT ROWID;
`;

const LIVE = '(expires_at IS NULL OR expires_at > @now)';

function toEntry(row: Row): StoredEntry {
  return {
    space: row.space,
    entityName: row.entity,
    key: row.key,
    value: JSON.parse(row.value),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}

/** Entries in SQLite. Expired entries read as absent and are purged on writes. */
export class KvsStore {
  private readonly db: Database.Database;

  constructor(dbPath = ':memory:') {
    if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
    this.db = new Database(dbPath);
    if (dbPath !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  inTransaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  get(space: Space, entityName: string, key: string, now: number): StoredEntry | undefined {
    const row = this.db
      .prepare(`SELECT * FROM kvs_entries WHERE space = @space AND entity = @entityName AND key = @key AND ${LIVE}`)
      .get({ space, entityName, key, now }) as Row | undefined;
    return row && toEntry(row);
  }

  /** Writes the whole entry (a write without TTL clears an earlier one); createdAt survives overwrites. */
  put(space: Space, entityName: string, key: string, value: unknown, expiresAt: number | null, now: number): StoredEntry {
    const previous = this.get(space, entityName, key, now);
    const entry: StoredEntry = { space, entityName, key, value, createdAt: previous?.createdAt ?? now, updatedAt: now, expiresAt };
    this.db
      .prepare(
        `INSERT INTO kvs_entries (space, entity, key, value, created_at, updated_at, expires_at)
         VALUES (@space, @entityName, @key, @value, @createdAt, @updatedAt, @expiresAt)
         ON CONFLICT (space, entity, key) DO UPDATE SET
           value = excluded.value, created_at = excluded.created_at, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
      )
      .run({ ...entry, value: JSON.stringify(value) });
    return entry;
  }

  /** True when a live entry was there. */
  delete(space: Space, entityName: string, key: string, now: number): boolean {
    const existed = this.get(space, entityName, key, now) !== undefined;
    this.db.prepare('DELETE FROM kvs_entries WHERE space = @space AND entity = @entityName AND key = @key').run({ space, entityName, key });
    return existed;
  }

  /** Plain keys starting with `prefix`, after `afterKey`, in key order. */
  scan(space: Space, prefix: string, afterKey: string | undefined, limit: number, now: number): StoredEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM kvs_entries
         WHERE space = @space AND entity = '' AND key >= @prefix AND instr(key, @prefix) = 1
           AND (@afterKey IS NULL OR key > @afterKey) AND ${LIVE}
         ORDER BY key LIMIT @limit`,
      )
      .all({ space, prefix, afterKey: afterKey ?? null, limit, now }) as Row[];
    return rows.map(toEntry);
  }

  /** Every live entry of one entity (queries over indexes run in memory on these). */
  entityEntries(entityName: string, now: number): StoredEntry[] {
    const rows = this.db
      .prepare(`SELECT * FROM kvs_entries WHERE space = 'entity' AND entity = @entityName AND ${LIVE} ORDER BY key`)
      .all({ entityName, now }) as Row[];
    return rows.map(toEntry);
  }

  /** Every live entry, for tests and debugging. */
  all(now: number): StoredEntry[] {
    return (this.db.prepare(`SELECT * FROM kvs_entries WHERE ${LIVE} ORDER BY space, entity, key`).all({ now }) as Row[]).map(toEntry);
  }

  purgeExpired(now: number): void {
    this.db.prepare('DELETE FROM kvs_entries WHERE expires_at IS NOT NULL AND expires_at <= @now').run({ now });
  }

  clear(): void {
    this.db.exec('DELETE FROM kvs_entries');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
