import { PART_CHARS } from './protocol';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `text` in consecutive parts of at most `max` UTF-16 code units (at least one part: '' is ['']). A cut never falls
 * inside a surrogate pair, so each part is well-formed text on its own (an emoji is not split across two messages).
 */
export function splitText(text: string, max: number = PART_CHARS): string[] {
  if (!Number.isSafeInteger(max) || max < 2) throw new RangeError(`a part must hold at least 2 characters, not ${max}`);
  const parts: string[] = [];
  let start = 0;
  while (start < text.length || parts.length === 0) {
    let end = Math.min(text.length, start + max);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}
