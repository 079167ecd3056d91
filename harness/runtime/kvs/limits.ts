import { KvsError, badRequest } from './errors';

// Forge hosted storage limits, as documented (https://developer.atlassian.com/platform/forge/limits-kvs-ce/,
// .../storage-reference/handling-errors-kvs/, .../kvs-transactions/, .../batchops/).
export const KVS_LIMITS = {
  keyLength: 500,
  /** 240 KiB, measured on the value as serialised JSON (UTF-8 bytes). */
  valueBytes: 240 * 1024,
  /** The error table says "maximum object depth (32)"; the limits page says 31. Nested objects/arrays, root = 1. */
  valueDepth: 32,
  transactionOperations: 25,
  batchItems: 25,
  /** Transactions and batch requests: 4 MB of payload. */
  requestBytes: 4 * 1024 * 1024,
  queryDefaultLimit: 10,
  queryMaxLimit: 100,
  /** TTL: at most one year from the write. */
  ttlMaxSeconds: 365 * 24 * 60 * 60,
  entityNameMin: 3,
  entityNameMax: 60,
} as const;

// The documented key pattern, written exactly as Atlassian gives it. Without the `u` flag, `\s-#` is whitespace, a
// literal `-` and `#` (Annex B), so keys may hold letters, digits, `:`, `.`, `_`, whitespace, `-` and `#`.
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
// Entity names (manifest rules): a-z0-9:-_. only, not starting with `-`, `_` or `.`, not ending with `.`, no `..`.
export const ENTITY_NAME_PATTERN = /^(?![._-])(?!.*\.\.)[a-z0-9:._-]+(?<!\.)$/;

export type KeyFlavour = 'kvs' | 'entity';

/** Key checks in the order the service reports them: empty, too long, then the pattern. */
export function validateKey(key: unknown, flavour: KeyFlavour): string {
  if (typeof key !== 'string') throw badRequest("'key' must be a string");
  if (key.length === 0) {
    throw flavour === 'entity'
      ? new KvsError(400, 'EMPTY_KEY', 'Key cannot be empty.')
      : new KvsError(400, 'KEY_TOO_SHORT', 'The provided key needs to be more than one character.');
  }
  if (key.length > KVS_LIMITS.keyLength) {
    throw new KvsError(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${KVS_LIMITS.keyLength} characters.`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw new KvsError(400, 'INVALID_KEY', 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/');
  }
  return key;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Array.isArray(value) ? value : Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

/** Any JSON value but `null` (the store cannot persist null), within the size and depth limits. */
export function validateValue(value: unknown): unknown {
  if (value === undefined) throw badRequest("'value' is required");
  if (value === null) throw badRequest("'value' must be a string, number, boolean, array or object, not null");
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > KVS_LIMITS.valueBytes) {
    throw new KvsError(
      400,
      'MAX_SIZE',
      `The provided value has exceeded the maximum size limit (${bytes} bytes; the limit is ${KVS_LIMITS.valueBytes} bytes).`,
    );
  }
  if (depthOf(value) > KVS_LIMITS.valueDepth) {
    throw new KvsError(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${KVS_LIMITS.valueDepth}) limit.`);
  }
  return value;
}

export function validateEntityName(name: unknown): string {
  if (typeof name !== 'string') throw badRequest("'entityName' must be a string");
  if (name.length < KVS_LIMITS.entityNameMin) {
    throw new KvsError(400, 'ENTITY_TYPE_TOO_SHORT', `Entity names need at least ${KVS_LIMITS.entityNameMin} characters.`);
  }
  if (name.length > KVS_LIMITS.entityNameMax) {
    throw new KvsError(400, 'ENTITY_TYPE_TOO_LARGE', `Entity names have a maximum of ${KVS_LIMITS.entityNameMax} characters.`);
  }
  if (!ENTITY_NAME_PATTERN.test(name)) {
    throw new KvsError(
      400,
      'INVALID_ENTITY_TYPE',
      'Entity names may only hold a-z 0-9 : - _ . , must not start with - _ or . , end with . or contain ..',
    );
  }
  return name;
}

const TTL_SECONDS = { SECONDS: 1, MINUTES: 60, HOURS: 60 * 60, DAYS: 24 * 60 * 60 } as const;

/** `{ value, unit }` → milliseconds, or undefined without a TTL. */
export function ttlMillis(ttl: unknown): number | undefined {
  if (ttl === undefined) return undefined;
  if (typeof ttl !== 'object' || ttl === null) throw badRequest("'options.ttl' must be an object { value, unit }");
  const { value, unit } = ttl as { value?: unknown; unit?: unknown };
  if (typeof unit !== 'string' || !(unit in TTL_SECONDS)) {
    throw badRequest(`'options.ttl.unit' must be one of ${Object.keys(TTL_SECONDS).join(', ')}`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw badRequest("'options.ttl.value' must be a positive integer");
  }
  const seconds = value * TTL_SECONDS[unit as keyof typeof TTL_SECONDS];
  if (seconds > KVS_LIMITS.ttlMaxSeconds) throw badRequest('the maximum supported TTL is 1 year');
  return seconds * 1000;
}

export const METADATA_FIELDS = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

export function metadataFields(fields: unknown, where: string): MetadataField[] {
  if (fields === undefined) return [];
  if (!Array.isArray(fields) || fields.some((f) => !METADATA_FIELDS.includes(f))) {
    throw badRequest(`'${where}' must be an array of ${METADATA_FIELDS.join(', ')}`);
  }
  return fields as MetadataField[];
}
