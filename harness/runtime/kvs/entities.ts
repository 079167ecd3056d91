import fs from 'node:fs';
import { parse } from 'yaml';
import { KvsError, badRequest } from './errors';
import { KVS_LIMITS } from './limits';

// The Custom Entity Store, as manifest.yml declares it (app.storage.entities) and as the docs describe its queries:
// https://developer.atlassian.com/platform/forge/storage-reference/entities-manifest/
// https://developer.atlassian.com/platform/forge/storage-reference/entities-api-query/

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'integer', 'float', 'boolean', 'any'];

/** The implicit index on the key: `by-key`, whose range is the key itself. */
export const BY_KEY = 'by-key';
const KEY = Symbol('key');
type IndexAttribute = string | typeof KEY;

export interface EntityIndex {
  name: string;
  partition: string[];
  range?: IndexAttribute;
}

export interface EntityDefinition {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, EntityIndex>;
}

interface RawEntity {
  name?: unknown;
  attributes?: Record<string, { type?: unknown }>;
  indexes?: Array<string | { name?: unknown; partition?: unknown; range?: unknown }>;
}

function names(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new Error(`${where} must be a list of attribute names`);
  return value as string[];
}

/** Reads `app.storage.entities` from manifest.yml (none → an empty map). Malformed declarations throw. */
export function loadEntityDefinitions(manifestPath: string): Map<string, EntityDefinition> {
  const raw = parse(fs.readFileSync(manifestPath, 'utf8')) as { app?: { storage?: { entities?: RawEntity[] } } } | null;
  const definitions = new Map<string, EntityDefinition>();
  for (const entity of raw?.app?.storage?.entities ?? []) {
    if (typeof entity.name !== 'string') throw new Error('manifest.yml: app.storage.entities[].name must be a string');
    const where = `manifest.yml: entity '${entity.name}'`;
    const attributes = new Map<string, AttributeType>();
    for (const [attribute, spec] of Object.entries(entity.attributes ?? {})) {
      const type = spec?.type;
      if (!ATTRIBUTE_TYPES.includes(type as AttributeType)) throw new Error(`${where}: attribute '${attribute}' has no valid type`);
      attributes.set(attribute, type as AttributeType);
    }
    const indexes = new Map<string, EntityIndex>([[BY_KEY, { name: BY_KEY, partition: [], range: KEY }]]);
    for (const index of entity.indexes ?? []) {
      const spec: EntityIndex =
        typeof index === 'string'
          ? { name: index, partition: [], range: index }
          : {
              name: String(index.name),
              partition: names(index.partition, `${where}: index '${String(index.name)}' partition`),
              range: names(index.range, `${where}: index '${String(index.name)}' range`)[0],
            };
      // @forge/manifest: "Entity '…' cannot use reserved index name 'by-key'." (the index every entity has).
      if (spec.name === BY_KEY) throw new Error(`${where}: index name '${BY_KEY}' is reserved`);
      for (const attribute of [...spec.partition, ...(typeof spec.range === 'string' ? [spec.range] : [])]) {
        if (!attributes.has(attribute)) throw new Error(`${where}: index '${spec.name}' names unknown attribute '${attribute}'`);
      }
      indexes.set(spec.name, spec);
    }
    definitions.set(entity.name, { name: entity.name, attributes, indexes });
  }
  return definitions;
}

// 32-bit signed integers; floats 0 or 1E-130 ≤ |x| ≤ 9.99…E+125; strings with a non-blank character.
function matchesType(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value.trim().length > 0;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) && (value === 0 || (Math.abs(value) >= 1e-130 && Math.abs(value) < 1e126));
    case 'boolean':
      return typeof value === 'boolean';
    case 'any':
      return value !== null;
  }
}

/** An entity value is an object whose attributes are declared in the manifest and hold values of their type. */
export function validateEntityValue(definition: EntityDefinition, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KvsError(400, 'INVALID_ENTITY_VALUE', `Values of entity '${definition.name}' must be objects of its attributes.`);
  }
  for (const [attribute, attributeValue] of Object.entries(value)) {
    const type = definition.attributes.get(attribute);
    if (!type) {
      throw new KvsError(400, 'INVALID_ENTITY_VALUE', `Attribute '${attribute}' is not defined for entity '${definition.name}' in manifest.yml.`);
    }
    if (!matchesType(type, attributeValue)) {
      throw new KvsError(
        400,
        'INVALID_ENTITY_VALUE',
        `Attribute '${attribute}' of entity '${definition.name}' must be of type ${type}; got ${JSON.stringify(attributeValue)}.`,
      );
    }
  }
  return value as Record<string, unknown>;
}

export interface EntityRow {
  key: string;
  value: Record<string, unknown>;
}

type Scalar = string | number | boolean;

// Strings order by their UTF-8 bytes, as the service's underlying store does; numbers and booleans numerically.
export function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return Number(a) - Number(b);
}

const RANGE_CONDITIONS = ['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'];
const FILTER_CONDITIONS = [...RANGE_CONDITIONS, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS'];
const STRING_ONLY = ['BEGINS_WITH', 'CONTAINS', 'NOT_CONTAINS'];

export interface Condition {
  condition: string;
  values: Scalar[];
}

export interface FilterItem extends Condition {
  property: string;
}

export interface Filters {
  operator: 'and' | 'or';
  items: FilterItem[];
}

function typeOfAttribute(definition: EntityDefinition, attribute: IndexAttribute): AttributeType {
  if (attribute === KEY) return 'string';
  const type = definition.attributes.get(attribute);
  if (!type) throw new KvsError(400, 'INVALID_ENTITY_ATTRIBUTE', `Attribute '${attribute}' is not defined for entity '${definition.name}'.`);
  return type;
}

function checkCondition(definition: EntityDefinition, attribute: IndexAttribute, raw: unknown, allowed: string[]): Condition {
  if (typeof raw !== 'object' || raw === null) throw badRequest('a condition must be an object { condition, values }');
  const { condition, values } = raw as { condition?: unknown; values?: unknown };
  if (typeof condition !== 'string' || !allowed.includes(condition)) {
    throw new KvsError(400, 'INVALID_FILTER_CONDITION', `The condition ${String(condition)} is not supported here.`);
  }
  if (!Array.isArray(values)) throw badRequest("a condition's 'values' must be an array");
  const type = typeOfAttribute(definition, attribute);
  const name = attribute === KEY ? 'key' : attribute;
  if (type === 'any') {
    throw new KvsError(422, 'INVALID_FILTER_ATTRIBUTE', `Attribute '${name}' has type any, which conditions do not support.`);
  }
  if (STRING_ONLY.includes(condition) && type !== 'string') {
    throw new KvsError(400, 'INVALID_FILTER_CONDITION', `The condition ${condition} needs a string attribute; '${name}' is ${type}.`);
  }
  if (type === 'boolean' && !['EQUAL_TO', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS'].includes(condition)) {
    throw new KvsError(400, 'INVALID_FILTER_CONDITION', `The condition ${condition} does not apply to the boolean attribute '${name}'.`);
  }
  if (condition === 'BETWEEN' && values.length < 2) {
    throw new KvsError(400, 'INSUFFICIENT_FILTER_VALUES', 'The specified condition needs at least two values.');
  }
  const arity = condition === 'BETWEEN' ? 2 : 1;
  if (values.length !== arity) {
    throw new KvsError(400, 'INVALID_FILTER_VALUES', `The condition ${condition} takes ${arity} value(s); got ${values.length}.`);
  }
  if (condition === 'EXISTS' || condition === 'NOT_EXISTS') return { condition, values: [true] };
  const expected = type === 'integer' || type === 'float' ? 'number' : type;
  if (values.some((v) => typeof v !== expected)) {
    throw new KvsError(400, 'INVALID_FILTER_VALUES', `The values of ${condition} on '${name}' must be of type ${type}.`);
  }
  return { condition, values: values as Scalar[] };
}

/** `{ and: [...] }` or `{ or: [...] }` of conditions on declared, typed attributes (query filters, transaction conditions). */
export function parseFilters(definition: EntityDefinition, raw: unknown, what = 'filters'): Filters | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) throw badRequest(`'${what}' must be an object { and } or { or }`);
  const { and, or } = raw as { and?: unknown; or?: unknown };
  if (and !== undefined && or !== undefined) {
    throw new KvsError(400, 'INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level.');
  }
  const items = and ?? or;
  if (!Array.isArray(items) || items.length === 0) {
    throw new KvsError(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
  }
  return {
    operator: and !== undefined ? 'and' : 'or',
    items: items.map((item: { property?: unknown }) => {
      if (typeof item?.property !== 'string') throw badRequest(`every item of '${what}' needs a 'property'`);
      return { property: item.property, ...checkCondition(definition, item.property, item, FILTER_CONDITIONS) };
    }),
  };
}

function holds(condition: Condition, actual: unknown): boolean {
  const [first, second] = condition.values;
  if (actual === undefined) return ['NOT_EXISTS', 'NOT_EQUAL_TO', 'NOT_CONTAINS'].includes(condition.condition);
  const value = actual as Scalar;
  switch (condition.condition) {
    case 'EXISTS':
      return true;
    case 'NOT_EXISTS':
      return false;
    case 'EQUAL_TO':
      return value === first;
    case 'NOT_EQUAL_TO':
      return value !== first;
    case 'BEGINS_WITH':
      return typeof value === 'string' && value.startsWith(first as string);
    case 'CONTAINS':
      return typeof value === 'string' && value.includes(first as string);
    case 'NOT_CONTAINS':
      return typeof value !== 'string' || !value.includes(first as string);
    case 'BETWEEN':
      return compareScalars(value, first) >= 0 && compareScalars(value, second) <= 0;
    case 'GREATER_THAN':
      return compareScalars(value, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return compareScalars(value, first) >= 0;
    case 'LESS_THAN':
      return compareScalars(value, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return compareScalars(value, first) <= 0;
    default:
      return false;
  }
}

/** Filters (and transaction conditions) on an entity value; a missing entity is an empty value. */
export function matchesFilters(filters: Filters, value: Record<string, unknown> | undefined): boolean {
  const test = (item: FilterItem) => holds(item, value?.[item.property]);
  return filters.operator === 'and' ? filters.items.every(test) : filters.items.some(test);
}

export interface EntityQuery {
  index: EntityIndex;
  partition: Scalar[];
  range?: Condition;
  filters?: Filters;
  descending: boolean;
  after?: { range: Scalar; key: string };
  limit: number;
}

export function parseEntityQuery(definition: EntityDefinition, body: Record<string, unknown>, after: EntityQuery['after']): EntityQuery {
  const index = definition.indexes.get(String(body.indexName));
  if (!index) {
    throw new KvsError(400, 'INVALID_ENTITY_INDEX', `Entity '${definition.name}' has no index '${String(body.indexName)}' in manifest.yml.`);
  }
  const partition = body.partition ?? [];
  if (!Array.isArray(partition) || partition.length !== index.partition.length) {
    throw badRequest(`index '${index.name}' needs a partition of ${index.partition.length} value(s) [${index.partition.join(', ')}]`);
  }
  partition.forEach((value, i) => {
    const type = typeOfAttribute(definition, index.partition[i]);
    const expected = type === 'integer' || type === 'float' ? 'number' : type;
    if (typeof value !== expected) throw badRequest(`partition value for '${index.partition[i]}' must be of type ${type}`);
  });
  let range: Condition | undefined;
  if (body.range !== undefined) {
    if (index.range === undefined) throw badRequest(`index '${index.name}' has no range to apply a where condition to`);
    range = checkCondition(definition, index.range, body.range, RANGE_CONDITIONS);
  }
  const limit = body.limit ?? KVS_LIMITS.queryDefaultLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.queryMaxLimit) {
    throw new KvsError(400, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', 'The page limit must be set between 1 and 100.');
  }
  if (body.sort !== undefined && body.sort !== 'ASC' && body.sort !== 'DESC') throw badRequest("'sort' must be ASC or DESC");
  return {
    index,
    partition: partition as Scalar[],
    range,
    filters: parseFilters(definition, body.filters),
    descending: body.sort === 'DESC',
    after,
    limit,
  };
}

function attributeOf(row: EntityRow, attribute: IndexAttribute): unknown {
  return attribute === KEY ? row.key : row.value[attribute];
}

/**
 * One page of an index: the entries of the partition that the range condition selects, in (range, key) order, from
 * after the cursor, `limit` of them; then the in-memory filters. As on Forge, filters apply to the page already read,
 * so a page can come back short or empty while a cursor still points further. Entries missing an index attribute
 * are not in the index.
 */
export function runEntityQuery(rows: EntityRow[], query: EntityQuery): { page: EntityRow[]; last?: { range: Scalar; key: string } } {
  const { index } = query;
  const rangeOf = (row: EntityRow) => (index.range === undefined ? row.key : (attributeOf(row, index.range) as Scalar));
  const direction = query.descending ? -1 : 1;
  const order = (a: { range: Scalar; key: string }, b: { range: Scalar; key: string }) =>
    direction * (compareScalars(a.range, b.range) || compareScalars(a.key, b.key));
  const entries = rows
    .filter((row) => index.partition.every((attribute, i) => row.value[attribute] === query.partition[i]))
    .filter((row) => index.range === undefined || attributeOf(row, index.range) !== undefined)
    .filter((row) => query.range === undefined || holds(query.range, rangeOf(row)))
    .map((row) => ({ row, range: rangeOf(row), key: row.key }))
    .sort(order);
  const start = query.after ? entries.filter((entry) => order(entry, query.after!) > 0) : entries;
  const scanned = start.slice(0, query.limit);
  const page = scanned.map((entry) => entry.row).filter((row) => !query.filters || matchesFilters(query.filters, row.value));
  const lastScanned = scanned.at(-1);
  // A full page answers a cursor even when nothing follows: callers must not read "cursor" as "more results".
  return { page, last: scanned.length === query.limit && lastScanned ? { range: lastScanned.range, key: lastScanned.key } : undefined };
}
