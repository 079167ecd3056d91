// The definition editor's own check of a default against the schema being defined: ajv with the resolver's settings
// (src/frontend/preferences/schema-validate.ts), in the UI Kit page. It decides whether Create/Save is offered. The
// code editor frame validates too (with another validator, for underlines while typing), but its verdict reaches the
// page later than the page's own state changes, so the page never waits for it or trusts it over this one.
import { parseTree, type Node } from 'jsonc-parser';
import { assertSelfContainedSchema } from '../../../domain/schema-scope';
import { canGenerateCode, compileSchema, type Issue } from '../../preferences/schema-validate';

export type DefaultCheck =
  | { status: 'valid' }
  /** The default breaks the schema: the first problem, located in the text, and how many there are. */
  | { status: 'invalid'; message: string; issues: Issue[] }
  /** The schema does not compile (a bad keyword value, a pattern the app cannot run): the resolver would refuse it. */
  | { status: 'bad-schema'; message: string }
  /** This page cannot run ajv (no generated code allowed): the resolver checks on save. */
  | { status: 'unchecked' };

function decodeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The node a JSON pointer names in the parsed text, or the deepest existing one on its way, and what is missing. */
function nodeAt(root: Node, pointer: string): { node: Node; missing: string[] } {
  const segments = pointer.split('/').slice(1).map(decodeSegment);
  let node = root;
  for (const [index, segment] of segments.entries()) {
    let next: Node | undefined;
    if (node.type === 'object') {
      next = node.children?.find((property) => property.children?.[0]?.value === segment)?.children?.[1];
    } else if (node.type === 'array' && /^(0|[1-9]\d*)$/.test(segment)) {
      next = node.children?.[Number(segment)];
    }
    if (!next) return { node, missing: segments.slice(index) };
    node = next;
  }
  return { node, missing: [] };
}

function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** "Line 1, column 11: Must be one of: light, dark." — the form the code editor's messages take. */
export function locateIssue(text: string, issue: Issue): string {
  const root = parseTree(text);
  if (!root) return issue.message;
  const { node, missing } = nodeAt(root, issue.pointer);
  const { line, column } = lineColumn(text, node.offset);
  // A missing property is placed at the object that lacks it, and named (the code editor says it the same way).
  const message =
    missing.length === 1 && issue.message === 'Required.'
      ? `Missing required property ${JSON.stringify(missing[0])}.`
      : missing.length > 0
        ? `${JSON.stringify(missing.join('/'))}: ${issue.message}`
        : issue.message;
  return `Line ${line}, column ${column}: ${message}`;
}

/** Checks `value` (parsed from `text`) against `schema`, as the resolver will on save. */
export function checkDefault(schema: Record<string, unknown>, value: unknown, text: string): DefaultCheck {
  try {
    // The resolver's own rule, so a schema it would refuse ($id, a foreign $ref, a pattern RE2 cannot run) is said here.
    assertSelfContainedSchema(schema);
  } catch (error) {
    return { status: 'bad-schema', message: (error as Error).message };
  }
  const check = compileSchema(schema);
  if (!check.ok) {
    return canGenerateCode() ? { status: 'bad-schema', message: `The schema cannot be used: ${check.message}` } : { status: 'unchecked' };
  }
  const issues = check.validate(value);
  if (issues.length === 0) return { status: 'valid' };
  const more = issues.length - 1;
  const message = `${locateIssue(text, issues[0])}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
  return { status: 'invalid', message, issues };
}
