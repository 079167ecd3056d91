// Where a problem is in the text: the first syntax error of a document that JSON.parse refuses, and the place of a
// value named by a JSON pointer (a schema validator's instance location). Pure: no DOM, no editor.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export interface TextRange {
  /** Offset of the first character (UTF-16 code units from the start of the text). */
  from: number;
  /** Offset just after the last character; equal to `from` for a point (a missing value at the end, say). */
  to: number;
}

export interface SyntaxProblem extends TextRange {
  message: string;
}

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

const LINE_BREAK = /\r\n?|\n/g;

/** 1-based line and column of an offset; line breaks are \n, \r\n or \r, as CodeMirror splits lines. */
export function lineColumnAt(text: string, offset: number): LineColumn {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  LINE_BREAK.lastIndex = 0;
  for (let match = LINE_BREAK.exec(text); match && match.index < at; match = LINE_BREAK.exec(text)) {
    const end = match.index + match[0].length;
    // An offset between \r and \n belongs to the line the \r ends.
    if (end > at) break;
    line += 1;
    lineStart = end;
  }
  return { line, column: at - lineStart + 1 };
}

// jsonc-parser is lenient by default; these options make it judge strict JSON (RFC 8259), as JSON.parse does.
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

const quote = (snippet: string) => JSON.stringify(snippet.length > 20 ? `${snippet.slice(0, 20)}…` : snippet);

function previousNonSpace(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i -= 1;
  return i;
}

/** Inside a string token that jsonc-parser rejected, the exact character JSON.parse stops at. */
function badCharacterInString(text: string, error: ParseError): number {
  const end = error.offset + error.length;
  const kind = printParseErrorCode(error.error);
  for (let i = error.offset + 1; i < end; i += 1) {
    if (kind === 'InvalidCharacter' && text.charCodeAt(i) < 0x20) return i;
    if (text[i] === '\\') {
      const next = text[i + 1];
      if (kind === 'InvalidEscapeCharacter' && !'"\\/bfnrtu'.includes(next ?? '')) return i;
      if (kind === 'InvalidUnicode' && next === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i;
      i += 1;
    }
  }
  return error.offset;
}

function describe(text: string, error: ParseError): SyntaxProblem {
  const { offset, length } = error;
  const token = text.slice(offset, offset + length);
  const atEnd = offset >= text.length;
  const found = atEnd ? 'the end of the text' : quote(token || text[offset]);
  const point = (at: number, message: string): SyntaxProblem => ({ from: at, to: Math.min(at + 1, text.length), message });
  const span = (message: string): SyntaxProblem => ({ from: offset, to: Math.max(offset + length, Math.min(offset + 1, text.length)), message });
  const kind = printParseErrorCode(error.error);
  switch (kind) {
    case 'PropertyNameExpected':
    case 'ValueExpected': {
      const before = previousNonSpace(text, offset);
      if (before >= 0 && text[before] === ',' && (token === '}' || token === ']')) {
        return point(before, 'Trailing commas are not allowed in JSON.');
      }
      if (atEnd) return point(offset, 'Unexpected end of the text: a value is expected.');
      return span(
        kind === 'PropertyNameExpected'
          ? `Expected a property name in double quotes, found ${found}.`
          : `Expected a value, found ${found}.`,
      );
    }
    case 'InvalidSymbol':
      return span(`Unexpected ${found}: not JSON (strings need double quotes; true, false and null are lower case).`);
    case 'ColonExpected':
      return span(`Expected ':' after the property name, found ${found}.`);
    case 'CommaExpected':
      return span(`Expected ',' or a closing bracket, found ${found}.`);
    case 'CloseBraceExpected':
      return atEnd ? point(offset, "Unexpected end of the text: '}' is missing.") : span(`Expected ',' or '}', found ${found}.`);
    case 'CloseBracketExpected':
      return atEnd ? point(offset, "Unexpected end of the text: ']' is missing.") : span(`Expected ',' or ']', found ${found}.`);
    case 'EndOfFileExpected':
      return span(`Unexpected ${found} after the end of the JSON value.`);
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return span('Comments are not allowed in JSON.');
    case 'UnexpectedEndOfString':
      return point(offset + length, 'Unterminated string: the closing double quote is missing.');
    case 'UnexpectedEndOfNumber':
    case 'InvalidNumberFormat':
      return { from: offset, to: offset + Math.max(length, 1), message: `Invalid number ${quote(token)}.` };
    case 'InvalidCharacter':
      return point(badCharacterInString(text, error), 'Control characters (such as tabs and line breaks) must be escaped in strings.');
    case 'InvalidEscapeCharacter':
      return point(badCharacterInString(text, error), 'Invalid escape: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX.');
    case 'InvalidUnicode':
      return point(badCharacterInString(text, error), 'Invalid \\u escape: four hexadecimal digits are needed.');
    default:
      return span(`Unexpected ${found}.`);
  }
}

/**
 * The first syntax problem of a text, or undefined when JSON.parse accepts it. JSON.parse decides validity; jsonc-parser
 * (whose errors carry offsets, unlike JSON.parse's engine-specific messages) says where. Only the first problem is
 * reported: after it, a parser's recovery guesses produce follow-on errors that mislead more than they help.
 */
export function firstSyntaxProblem(text: string): SyntaxProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (parseError) {
    const errors: ParseError[] = [];
    parseTree(text, errors, STRICT);
    const first = errors.reduce<ParseError | undefined>((a, b) => (a === undefined || b.offset < a.offset ? b : a), undefined);
    if (first) return describe(text, first);
    // No known case reaches here; keep the engine's own words rather than claim a position.
    return { from: 0, to: Math.min(1, text.length), message: parseError instanceof Error ? parseError.message : String(parseError) };
  }
}

/**
 * JSON pointer → path segments. Takes both ajv's `instancePath` ("/a~1b/0") and the URI-fragment form of
 * @cfworker/json-schema's `instanceLocation` ("#/a~1b/0", percent-encoded by encodeURI).
 */
export function pointerToSegments(pointer: string): string[] {
  const fragment = pointer.startsWith('#');
  const body = fragment ? decodeURI(pointer.slice(1)) : pointer;
  if (body === '') return [];
  return body
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where a located value or key is: the node and, for an object member, its property node. */
interface Located {
  node: Node;
  property?: Node;
  /** Segments that could not be followed (the text and the pointer disagree); the node is their nearest ancestor. */
  unresolved: number;
}

/**
 * Walks the syntax tree along the segments. Like jsonc-parser's findNodeAtLocation, but a duplicated key resolves to
 * its last occurrence, which is the value JSON.parse keeps and so the one the validator judged.
 */
function walk(root: Node, segments: readonly string[]): Located {
  let node = root;
  let property: Node | undefined;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    let next: Node | undefined;
    let nextProperty: Node | undefined;
    if (node.type === 'object') {
      const members = node.children ?? [];
      for (let m = members.length - 1; m >= 0; m -= 1) {
        const [key, value] = members[m].children ?? [];
        if (key?.value === segment && value) {
          next = value;
          nextProperty = members[m];
          break;
        }
      }
    } else if (node.type === 'array' && /^(0|[1-9]\d*)$/.test(segment)) {
      next = node.children?.[Number(segment)];
    }
    if (!next) return { node, property, unresolved: segments.length - i };
    node = next;
    property = nextProperty;
  }
  return { node, property, unresolved: 0 };
}

/**
 * The text range of the value at `segments` (or, with `target: 'key'`, of its property name) in a text that parses.
 * Objects and arrays give only their opening bracket, so that a problem with a whole object marks one character.
 */
export function locateInstance(text: string, segments: readonly string[], target: 'value' | 'key' = 'value'): TextRange {
  const root = parseTree(text, [], STRICT);
  if (!root) return { from: 0, to: Math.min(1, text.length) };
  const { node, property, unresolved } = walk(root, segments);
  if (target === 'key' && unresolved === 0 && property?.children?.[0]) {
    const key = property.children[0];
    return { from: key.offset, to: key.offset + key.length };
  }
  if (node.type === 'object' || node.type === 'array') return { from: node.offset, to: node.offset + 1 };
  return { from: node.offset, to: node.offset + node.length };
}
