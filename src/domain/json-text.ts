import { parse } from 'lossless-json';

// A property value travels as its JSON text: Jira stores the text it was sent and embeds it raw in the GET answer, so
// big integers, long decimals and exponents survive there, and the app must not turn them into doubles on the way.
// These helpers look at a text without parsing it into JavaScript numbers.

/**
 * How deeply `text` nests arrays and objects, scanned once without recursion, so a text of any depth costs one linear
 * pass and no stack. `text` need not be valid JSON: brackets count as they open, as a streaming parser meets them;
 * brackets inside strings do not count. Stops as soon as the depth passes `limit`, and answers that depth
 * (`limit + 1`). For valid JSON it is the value's nesting (a scalar is 0), so two texts of one value have one depth.
 */
export function jsonNestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next code unit is escaped ("\"" does not end the string)
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return max;
}

/** JSON's own whitespace (RFC 8259 `ws`); U+00A0, U+FEFF and the rest of what String.trim drops are not. */
export function isJsonWhitespaceOnly(text: string): boolean {
  return /^[\t\n\r ]*$/.test(text);
}

/**
 * A lossless parse (lossless-json): every number is kept as a LosslessNumber holding its exact digits; strings are
 * unescaped. A key given twice keeps its last value, as JSON.parse, Jackson's tree model (Jira) and the browsers
 * read it (lossless-json would throw by default). Throws SyntaxError on invalid JSON.
 * lossless-json's parser recurses once per nesting level: call it only on a text whose `jsonNestingDepth` is bounded
 * (a 32 KB text can nest 16,384 deep, which overflows the stack).
 */
export function parseLossless(text: string): unknown {
  return parse(text, null, { onDuplicateKey: ({ newValue }) => newValue });
}
