// One pass over the text gives both what the editor underlines and what the change message reports, so the two
// never disagree.
import type { JsonEditorDiagnostic } from './protocol';
import { firstSyntaxProblem, lineColumnAt, locateInstance, type TextRange } from './json-positions';
import type { CompiledSchema } from './schema-validation';

export interface LocatedDiagnostic extends JsonEditorDiagnostic, TextRange {}

export interface Analysis {
  valid: boolean;
  diagnostics: LocatedDiagnostic[];
}

function at(text: string, range: TextRange, message: string, source: JsonEditorDiagnostic['source']): LocatedDiagnostic {
  return { ...range, ...lineColumnAt(text, range.from), message, source };
}

/** Syntax first; the schema only judges a text that parses. */
export function analyse(text: string, schema?: CompiledSchema): Analysis {
  const syntax = firstSyntaxProblem(text);
  if (syntax) return { valid: false, diagnostics: [at(text, syntax, syntax.message, 'syntax')] };
  if (!schema) return { valid: true, diagnostics: [] };
  if (!schema.ok) return { valid: false, diagnostics: [at(text, { from: 0, to: Math.min(1, text.length) }, schema.message, 'schema')] };
  const seen = new Set<string>();
  const diagnostics = schema
    .validate(JSON.parse(text))
    .map((issue) => at(text, locateInstance(text, issue.segments, issue.target), issue.message, 'schema'))
    .filter((d) => {
      const key = `${d.from}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.from - b.from);
  return { valid: diagnostics.length === 0, diagnostics };
}

/** The protocol's form: positions as line and column only. */
export function toProtocolDiagnostics(diagnostics: readonly LocatedDiagnostic[]): JsonEditorDiagnostic[] {
  return diagnostics.map(({ line, column, message, source }) => ({ line, column, message, source }));
}
