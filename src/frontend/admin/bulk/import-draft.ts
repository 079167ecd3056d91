import { ValidationError } from '../../../domain/errors';
import { importParts, readImportFile, type ParsedImport } from '../../../domain/property-import';
import type { Envelope, ImportStage } from '../../../shared/contract';
import { call } from '../../shared/invoke';

// The Bulk changes tab's import: a file picked (through the file frame) or text pasted, read as the exports write it
// (src/domain/property-import.ts), then sent to stageImport part by part before its dry run.

/** A file larger than this is refused before it is read: about 800 values of Jira's largest size. */
export const MAX_IMPORT_FILE_BYTES = 25 * 1024 * 1024;

export type ImportDraft = { from: 'paste'; text: string } | { from: 'file'; name: string; text: string };

export const EMPTY_IMPORT: ImportDraft = { from: 'paste', text: '' };

export type ImportCheck = { state: 'empty' } | { state: 'unreadable'; message: string } | { state: 'read'; parsed: ParsedImport };

export function checkImport(draft: ImportDraft): ImportCheck {
  if (draft.text.trim() === '') return { state: 'empty' };
  try {
    return { state: 'read', parsed: readImportFile(draft.text) };
  } catch (error) {
    if (error instanceof ValidationError) return { state: 'unreadable', message: error.message };
    throw error;
  }
}

/** An import that can be dry-run: read, with values and no problem. */
export const readyImport = (check: ImportCheck): ParsedImport | undefined =>
  check.state === 'read' && check.parsed.problems.length === 0 && check.parsed.items.length > 0 ? check.parsed : undefined;

/** Sends the import's items in parts inside a resolver's payload, in order; `onPart` hears each part sent. */
export async function stageImport(parsed: ParsedImport, onPart: (sent: number, parts: number) => void): Promise<Envelope<ImportStage>> {
  const parts = importParts(parsed.items);
  let staged: Envelope<ImportStage> | undefined;
  for (const [part, items] of parts.entries()) {
    const importId = staged?.success ? { importId: staged.data.importId } : {};
    staged = await call('stageImport', { ...importId, part, items, last: part === parts.length - 1 });
    if (!staged.success) return staged;
    onPart(part + 1, parts.length);
  }
  return staged!;
}
