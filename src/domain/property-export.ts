import { csvRecords } from './csv';

// One user's properties as a file an admin keeps or imports elsewhere: JSON in the import format the bulk issue
// names, `{ accountId: { key: value } }`, with each value's exact text embedded as Jira stores it (never parsed, so
// every digit and escape is kept); and CSV of the flat values (strings, numbers, booleans, null), one per row.

export interface ExportedProperty {
  key: string;
  json?: string;
  /** A key no URL can address: listed, never read, so not in an export. */
  unreadable?: string;
}

const readable = (properties: readonly ExportedProperty[]) =>
  properties.filter((property): property is ExportedProperty & { json: string } => property.json !== undefined && property.unreadable === undefined);

/** The value is a scalar: its text does not start an object or an array. */
const isFlat = (json: string) => !/^\s*[[{]/.test(json);

export function propertiesJson(accountId: string, properties: readonly ExportedProperty[]): string {
  const members = readable(properties).map((property) => `    ${JSON.stringify(property.key)}: ${property.json.trim()}`);
  const body = members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n  }`;
  return `{\n  ${JSON.stringify(accountId)}: ${body}\n}\n`;
}

/** CSV of the flat values (`accountId,key,json`), and how many object or array values it leaves to the JSON export. */
export function propertiesCsv(accountId: string, properties: readonly ExportedProperty[]): { text: string; left: number } {
  const values = readable(properties);
  const flat = values.filter((property) => isFlat(property.json));
  return {
    text: csvRecords([['accountId', 'key', 'json'], ...flat.map((property) => [accountId, property.key, property.json.trim()])]),
    left: values.length - flat.length,
  };
}

/** One user's value of the key a cross-user export is of: `json` absent when they have no such key. */
export interface KeyValueRow {
  accountId: string;
  json?: string;
  /** Jira refused to read this user (a deleted account, say): not in an export. */
  error?: string;
}

const withValue = (rows: readonly KeyValueRow[]) =>
  rows.filter((row): row is KeyValueRow & { json: string } => row.json !== undefined && row.error === undefined);

/**
 * One key across users, in the same file format as propertiesJson: `{ accountId: { key: value } }`, one member per user
 * having the key, in the order given, each value's text exactly as stored. Users without it, or who failed, are left out.
 */
export function keyAcrossUsersJson(key: string, rows: readonly KeyValueRow[]): string {
  const members = withValue(rows).map((row) => `  ${JSON.stringify(row.accountId)}: {\n    ${JSON.stringify(key)}: ${row.json.trim()}\n  }`);
  return members.length === 0 ? '{}\n' : `{\n${members.join(',\n')}\n}\n`;
}

/** CSV of the key's flat values across users (`accountId,key,json`), and how many object or array values it leaves to the JSON export. */
export function keyAcrossUsersCsv(key: string, rows: readonly KeyValueRow[]): { text: string; left: number } {
  const values = withValue(rows);
  const flat = values.filter((row) => isFlat(row.json));
  return {
    text: csvRecords([['accountId', 'key', 'json'], ...flat.map((row) => [row.accountId, key, row.json.trim()])]),
    left: values.length - flat.length,
  };
}

/** Users one readKeyValues call may name: 100 reads at the resolver's read concurrency, far inside its time. */
export const KEY_EXPORT_MAX_USERS = 100;
