import { csvRecords } from '../../../domain/csv';
import type { HistoryEntry, ListHistoryPayload } from '../../../shared/contract';

/** What an export holds: the entries of one filter, newest first, and the names of the people they name. */
export interface HistoryExport {
  exportedAt: string;
  filter: ListHistoryPayload;
  entries: readonly HistoryEntry[];
  people: Record<string, string>;
  /** The export stopped at its limit: older entries match too. */
  truncated: boolean;
}

export type ExportFormat = 'json' | 'csv';

/** Both formats' fields, in this order. `before` and `after` are the values' exact JSON text (absent: no value). */
export const EXPORT_FIELDS = [
  'at',
  'actorAccountId',
  'actorDisplayName',
  'authority',
  'accountId',
  'accountDisplayName',
  'key',
  'operation',
  'state',
  'before',
  'after',
  'principal',
  'moduleKey',
  'jobId',
  'restoredFrom',
  'id',
] as const;

type ExportedEntry = Partial<Record<(typeof EXPORT_FIELDS)[number], string>>;

function exportedEntry(entry: HistoryEntry, people: Record<string, string>): ExportedEntry {
  const names = { actorDisplayName: people[entry.actorAccountId], accountDisplayName: people[entry.accountId] };
  const fields: Record<string, string | undefined> = { ...entry, ...names };
  const out: ExportedEntry = {};
  for (const name of EXPORT_FIELDS) if (fields[name] !== undefined) out[name] = fields[name];
  return out;
}

/**
 * The export as JSON: when and with which filter it was made, whether it is complete, and the entries. `before` and
 * `after` stay strings holding the stored JSON text, so every digit and escape is kept as Jira holds it.
 */
export function historyJson(data: HistoryExport): string {
  return JSON.stringify(
    {
      exportedAt: data.exportedAt,
      filter: data.filter,
      complete: !data.truncated,
      count: data.entries.length,
      entries: data.entries.map((entry) => exportedEntry(entry, data.people)),
    },
    null,
    2,
  );
}

/** The export as CSV (RFC 4180): a header row, then one record per entry, CRLF after every record; absent fields empty. */
export function historyCsv(data: HistoryExport): string {
  return csvRecords([
    [...EXPORT_FIELDS],
    ...data.entries.map((entry) => {
      const fields = exportedEntry(entry, data.people);
      return EXPORT_FIELDS.map((name) => fields[name] ?? '');
    }),
  ]);
}

export const exportText = (format: ExportFormat, data: HistoryExport) => (format === 'json' ? historyJson(data) : historyCsv(data));

/** A size for people: bytes, then KB or MB with one decimal. */
export function sizeText(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes < 1024) return exact;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${value.toFixed(1)} ${unit} (${exact})`;
}
