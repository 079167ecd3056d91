// A picked file's parts, cut by the frame (static/file-transfer/src/parts.ts) and put together by the page
// (src/frontend/shared/file-transfer/file-assembly.ts).
import { createFileAssembler } from '../../../src/frontend/shared/file-transfer/file-assembly';
import { PART_CHARS, type FileTransferPart } from '../../../static/file-transfer/src/protocol';
import { splitText } from '../../../static/file-transfer/src/parts';

const partsOf = (text: string, { requestId = '1', name = 'f.json' } = {}): FileTransferPart[] => {
  const texts = splitText(text);
  return texts.map((t, index) => ({ frameId: 'frame', requestId, name, index, count: texts.length, text: t }));
};

describe('splitText', () => {
  test.each([
    ['empty', '', ['']],
    ['shorter than a part', 'abc', ['abc']],
    ['exactly a part', 'x'.repeat(PART_CHARS), ['x'.repeat(PART_CHARS)]],
  ])('%s', (_name, text, expected) => {
    expect(splitText(text)).toEqual(expected);
  });

  test('never cuts a surrogate pair, and every part is at most the limit', () => {
    const text = '😀'.repeat(10) + 'a' + '😀'.repeat(10);
    const parts = splitText(text, 4);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => p.length <= 4 && p.length > 0)).toBe(true);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(parts.filter((p) => loneSurrogate.test(p))).toEqual([]);
  });

  test('refuses a limit that cannot hold a surrogate pair', () => {
    expect(() => splitText('😀', 1)).toThrow(RangeError);
  });
});

describe('createFileAssembler', () => {
  const MAX = 1_000_000;

  test('puts parts that arrive in any order back in index order, once all are there', () => {
    const text = `${'a'.repeat(PART_CHARS)}${'b'.repeat(PART_CHARS)}c`;
    const parts = partsOf(text);
    expect(parts).toHaveLength(3);
    const assembler = createFileAssembler(() => MAX);
    expect(assembler.add(parts[2])).toEqual({ kind: 'pending' });
    expect(assembler.add(parts[0])).toEqual({ kind: 'pending' });
    expect(assembler.incomplete()).toEqual({ requestId: '1', name: 'f.json', received: 2, count: 3 });
    expect(assembler.add(parts[1])).toEqual({ kind: 'done', name: 'f.json', text });
    expect(assembler.incomplete()).toBeUndefined();
  });

  test('a repeated part is ignored; one repeated with other text drops the file', () => {
    const parts = partsOf('x'.repeat(PART_CHARS + 5));
    const assembler = createFileAssembler(() => MAX);
    assembler.add(parts[0]);
    expect(assembler.add(parts[0])).toEqual({ kind: 'ignored' });
    expect(assembler.add({ ...parts[0], text: 'y' })).toEqual({ kind: 'failed', name: 'f.json', message: 'Part 1 of f.json arrived twice, different each time.' });
    // Dropped: its last part completes nothing.
    expect(assembler.add(parts[1])).toEqual({ kind: 'ignored' });
  });

  test('parts that disagree on the name or the count drop the file', () => {
    const parts = partsOf('x'.repeat(PART_CHARS + 5));
    const renamed = createFileAssembler(() => MAX);
    renamed.add(parts[0]);
    expect(renamed.add({ ...parts[1], name: 'other.json' })).toMatchObject({ kind: 'failed', message: 'The parts of f.json do not agree with each other.' });
    const recounted = createFileAssembler(() => MAX);
    recounted.add(parts[0]);
    expect(recounted.add({ ...parts[1], count: 3 })).toMatchObject({ kind: 'failed' });
  });

  test('more parts than the limit needs, or more characters than it allows, drop the file', () => {
    const tooMany = createFileAssembler(() => PART_CHARS * 2);
    expect(tooMany.add({ frameId: 'frame', requestId: '1', name: 'f.json', index: 0, count: 3, text: 'a' })).toEqual({
      kind: 'failed',
      name: 'f.json',
      message: 'f.json came in 3 parts, more than a file of at most 128,000 bytes needs.',
    });
    const tooLong = createFileAssembler(() => 10);
    expect(tooLong.add(partsOf('12345678901')[0])).toEqual({ kind: 'failed', name: 'f.json', message: 'f.json is larger than the 10 bytes this page accepts.' });
    expect(createFileAssembler(() => 10).add(partsOf('1234567890')[0])).toEqual({ kind: 'done', name: 'f.json', text: '1234567890' });
  });

  test('a new pick replaces a file still arriving; late parts of either finished file are ignored', () => {
    const first = partsOf('x'.repeat(PART_CHARS + 1), { requestId: '1', name: 'first.json' });
    const second = partsOf('second', { requestId: '2', name: 'second.json' });
    const assembler = createFileAssembler(() => MAX);
    expect(assembler.add(first[0])).toEqual({ kind: 'pending' });
    expect(assembler.add(second[0])).toEqual({ kind: 'done', name: 'second.json', text: 'second' });
    expect(assembler.add(first[1])).toEqual({ kind: 'ignored' });
    expect(assembler.add(second[0])).toEqual({ kind: 'ignored' });
  });

  test('abandon() gives up on the file in progress (a part that never came)', () => {
    const parts = partsOf('x'.repeat(PART_CHARS + 1));
    const assembler = createFileAssembler(() => MAX);
    assembler.add(parts[0]);
    assembler.abandon();
    expect(assembler.incomplete()).toBeUndefined();
    expect(assembler.add(parts[1])).toEqual({ kind: 'ignored' });
  });
});
