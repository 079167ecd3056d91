import { randomBytes } from 'node:crypto';
import {
  type EntityDefinition,
  type Filters,
  loadEntityDefinitions,
  matchesFilters,
  parseEntityQuery,
  parseFilters,
  runEntityQuery,
  validateEntityValue,
} from './entities';
import { KvsError, STATUS_TEXT, badRequest, keyNotFound } from './errors';
import { KVS_LIMITS, type MetadataField, metadataFields, ttlMillis, validateEntityName, validateKey, validateValue } from './limits';
import { KvsStore, type Space, type StoredEntry } from './store';

export interface KvsServiceOptions {
  /** SQLite file, or ':memory:' (default). */
  dbPath?: string;
  /** manifest.yml whose `app.storage.entities` declares the custom entities (none: no entities). */
  manifestPath?: string;
  /** Clock for createdAt/updatedAt and TTL expiry (ms since the epoch). */
  now?: () => number;
}

export interface KvsRequestRecord {
  path: string;
  status: number;
  /** The error code of a refused request. */
  code?: string;
}

type Body = Record<string, unknown>;
type Answer = { status: 200; body: unknown } | { status: 204 };

const REQUEST_LOG_LIMIT = 1000;
const OK_EMPTY: Answer = { status: 204 };

function ok(body: unknown): Answer {
  return { status: 200, body };
}

function asObject(value: unknown, what = 'request body'): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`the ${what} must be a JSON object`);
  return value as Body;
}

function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw badRequest(`the ${what} must be a JSON array`);
  return value;
}

/** `{ key, value }` plus the metadata the caller asked for, as the service returns entries. */
function present(entry: StoredEntry, fields: MetadataField[], extra: Body = {}): Body {
  return {
    key: entry.key,
    value: entry.value,
    ...extra,
    ...(fields.includes('CREATED_AT') && { createdAt: entry.createdAt }),
    ...(fields.includes('UPDATED_AT') && { updatedAt: entry.updatedAt }),
    ...(fields.includes('EXPIRE_TIME') && entry.expiresAt !== null && { expireTime: new Date(entry.expiresAt).toISOString() }),
  };
}

function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor<T>(cursor: unknown, valid: (position: unknown) => position is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const position: unknown = typeof cursor === 'string' ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
    if (valid(position)) return position;
  } catch {
    // reported below
  }
  throw new KvsError(400, 'INVALID_CURSOR', 'The provided cursor is invalid. Cursors come from a previous getMany() of the same query.');
}

const isKeyCursor = (p: unknown): p is { key: string } => typeof (p as { key?: unknown })?.key === 'string';
const isEntityCursor = (p: unknown): p is { range: string | number | boolean; key: string } =>
  isKeyCursor(p) && ['string', 'number', 'boolean'].includes(typeof (p as { range?: unknown }).range);

interface Target {
  space: Space;
  entityName: string;
  definition?: EntityDefinition;
}

interface SetOptions {
  expiresAt: number | null;
  keyPolicy: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue?: 'PREVIOUS' | 'LATEST';
  returnMetadataFields: MetadataField[];
}

/**
 * The Forge KVS / Custom Entity Store service behind `__forge_fetch__({ type: 'kvs' }, path, init)`, answering
 * every request `@forge/kvs` sends (see its storage-api.js) with the statuses and bodies the client expects.
 */
export class KvsService {
  readonly store: KvsStore;
  /** The latest requests (path, status, error code), oldest first. */
  readonly requests: KvsRequestRecord[] = [];
  private readonly entities: Map<string, EntityDefinition>;
  private readonly now: () => number;

  private readonly routes: Record<string, (body: unknown, rawBytes: number) => Answer> = {
    '/api/v1/get': (body) => this.get({ space: 'kvs', entityName: '' }, asObject(body)),
    '/api/v1/set': (body) => this.set({ space: 'kvs', entityName: '' }, asObject(body)),
    '/api/v1/delete': (body) => this.delete({ space: 'kvs', entityName: '' }, asObject(body)),
    '/api/v1/query': (body) => this.query(asObject(body)),
    '/api/v1/secret/get': (body) => this.get({ space: 'secret', entityName: '' }, asObject(body)),
    '/api/v1/secret/set': (body) => this.set({ space: 'secret', entityName: '' }, asObject(body)),
    '/api/v1/secret/delete': (body) => this.delete({ space: 'secret', entityName: '' }, asObject(body)),
    '/api/v1/entity/get': (body) => this.get(this.entityTarget(asObject(body).entityName), asObject(body)),
    '/api/v1/entity/set': (body) => this.set(this.entityTarget(asObject(body).entityName), asObject(body)),
    '/api/v1/entity/delete': (body) => this.delete(this.entityTarget(asObject(body).entityName), asObject(body)),
    '/api/v1/entity/query': (body) => this.entityQuery(asObject(body)),
    '/api/v1/batch/set': (body, bytes) => this.batchSet(this.batchItems(body, bytes)),
    '/api/v1/batch/get': (body, bytes) => this.batchGet(this.batchItems(body, bytes)),
    '/api/v1/batch/delete': (body, bytes) => this.batchDelete(this.batchItems(body, bytes)),
    '/api/v1/transaction': (body, bytes) => this.transaction(asObject(body), bytes),
  };

  constructor(options: KvsServiceOptions = {}) {
    this.now = options.now ?? Date.now;
    this.entities = options.manifestPath ? loadEntityDefinitions(options.manifestPath) : new Map();
    this.store = new KvsStore(options.dbPath);
  }

  /** Answers one `__forge_fetch__` call as the service would: a fetch Response. */
  async handle(path: string, init: RequestInit = {}): Promise<Response> {
    const pathname = new URL(path, 'http://kvs.local').pathname;
    let status: number;
    let body: unknown;
    try {
      const route = this.routes[pathname];
      if (!route) throw new KvsError(404, 'NOT_FOUND', `No Forge KVS operation at ${pathname}`);
      if ((init.method ?? 'GET').toUpperCase() !== 'POST') throw new KvsError(405, 'METHOD_NOT_ALLOWED', `${pathname} only accepts POST`);
      const text = await new Response(init.body ?? null).text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw badRequest('the request body is not JSON');
      }
      const answer = route(parsed, Buffer.byteLength(text, 'utf8'));
      status = answer.status;
      body = answer.status === 200 ? answer.body : undefined;
    } catch (error) {
      const failure =
        error instanceof KvsError
          ? error
          : new KvsError(500, 'INTERNAL_SERVER_ERROR', `An internal server error has occurred: ${(error as Error).message}`);
      status = failure.status;
      body = { code: failure.code, message: failure.message };
    }
    this.record({ path: pathname, status, ...(status >= 400 && { code: (body as { code: string }).code }) });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      statusText: STATUS_TEXT[status] ?? '',
      headers: { 'content-type': 'application/json', 'x-trace-id': randomBytes(8).toString('hex') },
    });
  }

  /** Live entries, for tests and debugging. */
  entries(): StoredEntry[] {
    return this.store.all(this.now());
  }

  clear(): void {
    this.store.clear();
  }

  close(): void {
    this.store.close();
  }

  private record(entry: KvsRequestRecord) {
    this.requests.push(entry);
    if (this.requests.length > REQUEST_LOG_LIMIT) this.requests.splice(0, this.requests.length - REQUEST_LOG_LIMIT);
  }

  private entityTarget(entityName: unknown): Target & { definition: EntityDefinition } {
    const name = validateEntityName(entityName);
    const definition = this.entities.get(name);
    if (!definition) {
      throw new KvsError(400, 'INVALID_ENTITY_TYPE', `Entity '${name}' is not defined in manifest.yml (app.storage.entities).`);
    }
    return { space: 'entity', entityName: name, definition };
  }

  private checkValue(target: Target, value: unknown): unknown {
    validateValue(value);
    return target.definition ? validateEntityValue(target.definition, value) : value;
  }

  private setOptions(raw: unknown): SetOptions {
    const options = raw === undefined ? {} : asObject(raw, "'options'");
    const { keyPolicy = 'OVERRIDE', returnValue } = options;
    if (keyPolicy !== 'OVERRIDE' && keyPolicy !== 'FAIL_IF_EXISTS') throw badRequest("'options.keyPolicy' must be OVERRIDE or FAIL_IF_EXISTS");
    if (returnValue !== undefined && returnValue !== 'PREVIOUS' && returnValue !== 'LATEST') {
      throw badRequest("'options.returnValue' must be PREVIOUS or LATEST");
    }
    if (returnValue !== undefined && keyPolicy !== 'OVERRIDE') throw badRequest("'options.returnValue' needs keyPolicy OVERRIDE");
    const returnMetadataFields = metadataFields(options.returnMetadataFields, 'options.returnMetadataFields');
    if (options.returnMetadataFields !== undefined && returnValue === undefined) {
      throw badRequest("'options.returnMetadataFields' needs 'options.returnValue'");
    }
    const ttl = ttlMillis(options.ttl);
    return { expiresAt: ttl === undefined ? null : this.now() + ttl, keyPolicy, returnValue, returnMetadataFields };
  }

  private get(target: Target, body: Body): Answer {
    const key = validateKey(body.key, target.definition ? 'entity' : 'kvs');
    const fields = metadataFields(asObject(body.options ?? {}, "'options'").metadataFields, 'options.metadataFields');
    const entry = this.store.get(target.space, target.entityName, key, this.now());
    if (!entry) throw keyNotFound();
    return ok(present(entry, fields));
  }

  private set(target: Target, body: Body): Answer {
    const key = validateKey(body.key, target.definition ? 'entity' : 'kvs');
    const value = this.checkValue(target, body.value);
    const options = this.setOptions(body.options);
    const now = this.now();
    return this.store.inTransaction(() => {
      this.store.purgeExpired(now);
      const previous = this.store.get(target.space, target.entityName, key, now);
      if (previous && options.keyPolicy === 'FAIL_IF_EXISTS') {
        throw new KvsError(409, 'KEY_ALREADY_EXISTS', `The key '${key}' already exists and keyPolicy is FAIL_IF_EXISTS.`);
      }
      const latest = this.store.put(target.space, target.entityName, key, value, options.expiresAt, now);
      if (options.returnValue === 'LATEST') return ok(present(latest, options.returnMetadataFields));
      if (options.returnValue === 'PREVIOUS' && previous) return ok(present(previous, options.returnMetadataFields));
      return OK_EMPTY;
    });
  }

  private delete(target: Target, body: Body): Answer {
    const key = validateKey(body.key, target.definition ? 'entity' : 'kvs');
    // A missing key answers 404 KEY_NOT_FOUND, which @forge/kvs treats as a successful delete.
    if (!this.store.delete(target.space, target.entityName, key, this.now())) throw keyNotFound();
    return OK_EMPTY;
  }

  // https://developer.atlassian.com/platform/forge/storage-reference/kvs-api-query/: only `key`, only beginsWith, one
  // where clause, 10 results by default and 100 at most, in key order.
  private query(body: Body): Answer {
    const limit = body.limit ?? KVS_LIMITS.queryDefaultLimit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw badRequest("'limit' must be a positive integer");
    if (limit > KVS_LIMITS.queryMaxLimit) {
      throw new KvsError(400, 'LIST_QUERY_LIMIT_EXCEEDED', `Limit for list query should be below ${KVS_LIMITS.queryMaxLimit}.`);
    }
    let prefix = '';
    if (body.where !== undefined) {
      const where = asArray(body.where, "'where'");
      if (where.length > 1) throw new KvsError(400, 'QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
      if (where.length === 1) {
        const clause = asObject(where[0], "'where' clause");
        if (clause.property !== 'key') {
          throw new KvsError(400, 'QUERY_WHERE_FIELD_INVALID', 'The specified field is not supported for filters.');
        }
        if (clause.condition !== 'BEGINS_WITH') {
          throw new KvsError(400, 'INVALID_FILTER_CONDITION', 'The specified condition is not supported for filters.');
        }
        if (!Array.isArray(clause.values) || clause.values.length !== 1 || typeof clause.values[0] !== 'string') {
          throw new KvsError(400, 'INVALID_FILTER_VALUES', 'The specified number of values are not supported by the given condition.');
        }
        prefix = clause.values[0];
      }
    }
    const fields = metadataFields(asObject(body.options ?? {}, "'options'").metadataFields, 'options.metadataFields');
    const after = decodeCursor(body.after, isKeyCursor);
    const entries = this.store.scan('kvs', prefix, after?.key, limit, this.now());
    const last = entries.at(-1);
    // A full page answers a cursor even when nothing follows (callers must not read "cursor" as "more results").
    return ok({
      data: entries.map((entry) => present(entry, fields)),
      ...(entries.length === limit && last && { cursor: encodeCursor({ key: last.key }) }),
    });
  }

  private entityQuery(body: Body): Answer {
    const { definition, entityName } = this.entityTarget(body.entityName);
    const after = decodeCursor(body.cursor, isEntityCursor);
    const query = parseEntityQuery(definition, body, after);
    const options = asObject(body.options ?? {}, "'options'");
    const fields = metadataFields(options.metadataFields ?? body.metadataFields, 'options.metadataFields');
    const entries = new Map(this.store.entityEntries(entityName, this.now()).map((entry) => [entry.key, entry]));
    const rows = [...entries.values()].map((entry) => ({ key: entry.key, value: entry.value as Record<string, unknown> }));
    const { page, last } = runEntityQuery(rows, query);
    return ok({
      data: page.map((row) => present(entries.get(row.key)!, fields)),
      ...(last && { cursor: encodeCursor(last) }),
    });
  }

  // Batches: at most 25 items, none repeated, 4 MB; each item then succeeds or fails on its own.
  // https://developer.atlassian.com/platform/forge/storage-reference/batchops/
  private batchItems(body: unknown, bytes: number): Body[] {
    if (bytes > KVS_LIMITS.requestBytes) throw new KvsError(413, 'PAYLOAD_TOO_LARGE', 'A batch request is limited to a payload of 4MB.');
    const items = asArray(body, 'batch request body').map((item) => asObject(item, 'batch item'));
    if (items.length === 0) throw badRequest('a batch needs at least one item');
    if (items.length > KVS_LIMITS.batchItems) {
      throw badRequest(`a batch can contain a maximum of ${KVS_LIMITS.batchItems} keys (got ${items.length})`);
    }
    const seen = new Set<string>();
    for (const item of items) {
      const id = JSON.stringify([item.entityName ?? null, item.key]);
      if (seen.has(id)) throw badRequest(`the key '${String(item.key)}' appears more than once in the batch`);
      seen.add(id);
    }
    return items;
  }

  private batchTarget(item: Body): Target {
    return item.entityName === undefined ? { space: 'kvs', entityName: '' } : this.entityTarget(item.entityName);
  }

  private batch(items: Body[], run: (item: Body, target: Target) => Body | undefined): Answer {
    const successfulKeys: Body[] = [];
    const failedKeys: Body[] = [];
    this.store.inTransaction(() => {
      for (const item of items) {
        const id = { key: item.key, ...(item.entityName !== undefined && { entityName: item.entityName }) };
        try {
          successfulKeys.push({ ...id, ...run(item, this.batchTarget(item)) });
        } catch (error) {
          if (!(error instanceof KvsError)) throw error;
          failedKeys.push({ ...id, error: { code: error.code, message: error.message } });
        }
      }
    });
    return ok({ successfulKeys, failedKeys });
  }

  private batchSet(items: Body[]): Answer {
    return this.batch(items, (item, target) => {
      const key = validateKey(item.key, target.definition ? 'entity' : 'kvs');
      const value = this.checkValue(target, item.value);
      const ttl = ttlMillis(item.options === undefined ? undefined : asObject(item.options, "'options'").ttl);
      this.store.put(target.space, target.entityName, key, value, ttl === undefined ? null : this.now() + ttl, this.now());
      return undefined;
    });
  }

  private batchGet(items: Body[]): Answer {
    return this.batch(items, (item, target) => {
      const key = validateKey(item.key, target.definition ? 'entity' : 'kvs');
      const fields = metadataFields(asObject(item.options ?? {}, "'options'").metadataFields, 'options.metadataFields');
      const entry = this.store.get(target.space, target.entityName, key, this.now());
      if (!entry) throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
      return present(entry, fields, item.entityName !== undefined ? { entityName: item.entityName } : {});
    });
  }

  private batchDelete(items: Body[]): Answer {
    return this.batch(items, (item, target) => {
      const key = validateKey(item.key, target.definition ? 'entity' : 'kvs');
      if (!this.store.delete(target.space, target.entityName, key, this.now())) throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
      return undefined;
    });
  }

  // All or nothing: at most 25 operations, each key (with its entity) once, 4 MB; conditions only on custom entities,
  // and any unmet condition cancels the whole transaction.
  // https://developer.atlassian.com/platform/forge/storage-reference/kvs-transactions/ and .../transactions-entities/
  private transaction(body: Body, bytes: number): Answer {
    if (bytes > KVS_LIMITS.requestBytes) throw new KvsError(413, 'PAYLOAD_TOO_LARGE', 'Each transaction is limited to a payload size of 4MB.');
    const groups = { set: body.set, delete: body.delete, check: body.check };
    const operations = Object.entries(groups).flatMap(([kind, list]) =>
      list === undefined ? [] : asArray(list, `'${kind}'`).map((op) => ({ kind, op: asObject(op, `'${kind}' operation`) })),
    );
    if (operations.length === 0) throw badRequest('a transaction needs at least one operation');
    if (operations.length > KVS_LIMITS.transactionOperations) {
      throw badRequest(`each transaction can contain a maximum of ${KVS_LIMITS.transactionOperations} operations (got ${operations.length})`);
    }
    const seen = new Set<string>();
    const now = this.now();
    const planned = operations.map(({ kind, op }) => {
      const target = this.batchTarget(op);
      const key = validateKey(op.key, target.definition ? 'entity' : 'kvs');
      const id = JSON.stringify([target.entityName, key]);
      if (seen.has(id)) throw badRequest(`each key can only be used once in a transaction ('${key}' is repeated)`);
      seen.add(id);
      let conditions: Filters | undefined;
      if (op.conditions !== undefined) {
        if (!target.definition) throw badRequest(`conditions apply to custom entities only (key '${key}' has no entityName)`);
        conditions = parseFilters(target.definition, op.conditions, 'conditions');
      }
      if (kind === 'check' && !conditions) throw badRequest(`a check needs an entityName and conditions (key '${key}')`);
      const value = kind === 'set' ? this.checkValue(target, op.value) : undefined;
      const ttl = kind === 'set' ? ttlMillis(op.options === undefined ? undefined : asObject(op.options, "'options'").ttl) : undefined;
      return { kind, target, key, conditions, value, expiresAt: ttl === undefined ? null : now + ttl };
    });
    this.store.inTransaction(() => {
      this.store.purgeExpired(now);
      for (const { target, key, conditions } of planned) {
        if (!conditions) continue;
        const current = this.store.get(target.space, target.entityName, key, now);
        if (!matchesFilters(conditions, current?.value as Record<string, unknown> | undefined)) {
          throw new KvsError(
            409,
            'CONDITIONAL_CHECK_FAILED',
            `Transaction cancelled: the conditions on key '${key}' of entity '${target.entityName}' were not met.`,
          );
        }
      }
      for (const { kind, target, key, value, expiresAt } of planned) {
        if (kind === 'set') this.store.put(target.space, target.entityName, key, value, expiresAt, now);
        if (kind === 'delete') this.store.delete(target.space, target.entityName, key, now);
      }
    });
    return OK_EMPTY;
  }
}
