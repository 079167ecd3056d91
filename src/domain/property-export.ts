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
