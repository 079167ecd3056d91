// Generated JSON texts for lossless tests: one value (a tree) written in many spellings (spacing, key order, number
// forms, escapes), with the numbers a double cannot hold (20-digit and negative big integers, long decimals, big and
// tiny exponents, -0). Shared by the unit tests (test/unit/domain) and the integration tests (test/integration).
import fc from 'fast-check';

export type JsonTree =
  | { kind: 'literal'; text: 'true' | 'false' | 'null' }
  /** The value (-1)^negative × digits × 10^exponent; digits without leading zeros, or '0'. */
  | { kind: 'number'; negative: boolean; digits: string; exponent: number }
  | { kind: 'string'; value: string }
  | { kind: 'array'; items: JsonTree[] }
  | { kind: 'object'; members: Array<[string, JsonTree]> };

/** How one text spells its tree; two styles give two texts of the same value. */
export interface Style {
  /** Whitespace put between tokens (cycled through), '' for none. */
  spaces: string[];
  /** Members in reverse order. */
  reverseKeys: boolean;
  /** Which number form (see spellNumber), cycled through per number. */
  numberForms: number[];
  /** Which code units of strings to write as \u00E9-style escapes (cycled: true = escape), beyond the mandatory ones. */
  escapes: boolean[];
  upperHex: boolean;
}

const digitRuns = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max }).map((d) => d.replace(/^0+/, '') || '0');

const numberArb: fc.Arbitrary<JsonTree> = fc.oneof(
  // small integers and safe decimals
  fc.record({ negative: fc.boolean(), digits: digitRuns(1, 6), exponent: fc.integer({ min: -4, max: 2 }) }),
  // 20-digit integers, past 2^64 and past double precision
  fc.record({ negative: fc.boolean(), digits: fc.constantFrom('12345678901234567890', '12345678901234567891', '18446744073709551617', '9007199254740993'), exponent: fc.constant(0) }),
  // long decimals: 20 to 40 significant digits
  fc.record({ negative: fc.boolean(), digits: digitRuns(20, 40), exponent: fc.integer({ min: -45, max: -20 }) }),
  // exponents a double cannot reach
  fc.record({ negative: fc.boolean(), digits: digitRuns(1, 3), exponent: fc.constantFrom(400, -400, 308, -324, 99_999) }),
  // zeros, -0 among them
  fc.record({ negative: fc.boolean(), digits: fc.constant('0'), exponent: fc.integer({ min: -3, max: 3 }) }),
).map((n) => ({ kind: 'number' as const, ...n }));

const character = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'Z', ' ', '0', '{', '}', '[', ']', ',', ':') },
  { weight: 3, arbitrary: fc.constantFrom('"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f') },
  { weight: 3, arbitrary: fc.constantFrom('é', 'ключ', '日本', '😀', '\u2028', '\u00a0', '\ufeff', '\u200d') },
  { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udfff') }, // lone surrogates: written as escapes only
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const stringArb = fc.array(character, { maxLength: 8 }).map((parts) => parts.join(''));

export const jsonTreeArb: fc.Arbitrary<JsonTree> = fc.letrec<{ tree: JsonTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<JsonTree>({ kind: 'literal', text: 'true' }, { kind: 'literal', text: 'false' }, { kind: 'literal', text: 'null' }),
    numberArb,
    stringArb.map((value): JsonTree => ({ kind: 'string', value })),
    fc.array(tie('tree'), { maxLength: 5 }).map((items): JsonTree => ({ kind: 'array', items })),
    fc
      .uniqueArray(fc.tuple(stringArb, tie('tree')), { maxLength: 5, selector: ([key]) => key })
      .map((members): JsonTree => ({ kind: 'object', members })),
  ),
})).tree;

export const styleArb: fc.Arbitrary<Style> = fc.record({
  spaces: fc.array(fc.constantFrom('', '', ' ', '\n', '\t', '\r\n  '), { minLength: 1, maxLength: 5 }),
  reverseKeys: fc.boolean(),
  numberForms: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
  escapes: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  upperHex: fc.boolean(),
});

/** The plainest style: no whitespace, members in order, numbers as written, only mandatory escapes. */
export const PLAIN: Style = { spaces: [''], reverseKeys: false, numberForms: [0], escapes: [false], upperHex: false };

/**
 * A number in one of four forms, all the same decimal value: 0 as plain as it gets (`-1234.5`, `12345678901234567890`,
 * `5e400`), 1 scientific with one digit before the point (`-1.2345E+3`), 2 with trailing zeros (`-123450e-2`), 3 with
 * a fraction of zeros where it can (`1234.50`). A zero is written `0`, `-0`, `0.000`, `0e5` or `-0.0E-3`.
 */
export function spellNumber(n: Extract<JsonTree, { kind: 'number' }>, form: number): string {
  if (n.digits === '0') return ['0', '-0', '0.000', n.negative ? '-0.0E-3' : '0e5'][form];
  const sign = n.negative ? '-' : '';
  const { digits, exponent } = n;
  switch (form) {
    case 1:
      return `${sign}${digits[0]}.${digits.slice(1) || '0'}E+${exponent + digits.length - 1}`.replace('E+-', 'E-');
    case 2:
      return `${sign}${digits}00e${exponent - 2}`;
    case 3:
      if (exponent >= 0 && exponent <= 30) return `${sign}${digits}${'0'.repeat(exponent)}.0`;
      return `${sign}${digits}.00e${exponent}`;
    default:
      if (exponent >= 0 && exponent <= 30) return `${sign}${digits}${'0'.repeat(exponent)}`;
      if (exponent < 0 && -exponent < digits.length) {
        const point = digits.length + exponent;
        return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
      }
      if (exponent < 0 && -exponent - digits.length <= 30) return `${sign}0.${'0'.repeat(-exponent - digits.length)}${digits}`;
      return `${sign}${digits}e${exponent}`;
  }
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Writes `tree` as JSON text in `style`. Valid JSON whatever the style; no whitespace before or after the value. */
export function spell(tree: JsonTree, style: Style): string {
  let space = 0;
  let numberForm = 0;
  let escape = 0;
  const ws = () => style.spaces[space++ % style.spaces.length];
  const hex = (unit: number) => {
    const digits = unit.toString(16).padStart(4, '0');
    return `\\u${style.upperHex ? digits.toUpperCase() : digits}`;
  };
  const quote = (value: string) => {
    let out = '"';
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      const isHigh = unit >= 0xd800 && unit <= 0xdbff;
      const next = value.charCodeAt(i + 1);
      const pair = isHigh && next >= 0xdc00 && next <= 0xdfff;
      const lone = !pair && unit >= 0xd800 && unit <= 0xdfff;
      const optional = style.escapes[escape++ % style.escapes.length];
      if (pair) {
        out += optional ? hex(unit) + hex(next) : value.slice(i, i + 2);
        i++;
      } else if (lone || unit < 0x20 || (optional && unit !== 0x22 && unit !== 0x5c)) {
        out += SHORT_ESCAPES[value[i]] && !optional ? SHORT_ESCAPES[value[i]] : hex(unit);
      } else if (unit === 0x22 || unit === 0x5c) {
        out += SHORT_ESCAPES[value[i]];
      } else if (unit === 0x2f && optional) {
        out += '\\/';
      } else {
        out += value[i];
      }
    }
    return `${out}"`;
  };
  const write = (node: JsonTree): string => {
    switch (node.kind) {
      case 'literal':
        return node.text;
      case 'number':
        return spellNumber(node, style.numberForms[numberForm++ % style.numberForms.length]);
      case 'string':
        return quote(node.value);
      case 'array':
        return `[${ws()}${node.items.map((item) => `${write(item)}${ws()}`).join(`,${ws()}`)}]`;
      case 'object': {
        const members = style.reverseKeys ? [...node.members].reverse() : node.members;
        return `{${ws()}${members.map(([key, value]) => `${quote(key)}${ws()}:${ws()}${write(value)}${ws()}`).join(`,${ws()}`)}}`;
      }
    }
  };
  return write(tree);
}

/** The tree with its first number changed in its last digit (so another decimal value), or undefined without one. */
export function withOneDigitChanged(tree: JsonTree): JsonTree | undefined {
  switch (tree.kind) {
    case 'number': {
      const last = Number(tree.digits.at(-1));
      const digits = tree.digits === '0' ? '1' : tree.digits.slice(0, -1) + String(last === 9 ? 8 : last + 1);
      return { ...tree, digits };
    }
    case 'array':
      for (let i = 0; i < tree.items.length; i++) {
        const changed = withOneDigitChanged(tree.items[i]);
        if (changed) return { kind: 'array', items: tree.items.map((item, j) => (j === i ? changed : item)) };
      }
      return undefined;
    case 'object':
      for (let i = 0; i < tree.members.length; i++) {
        const changed = withOneDigitChanged(tree.members[i][1]);
        if (changed) return { kind: 'object', members: tree.members.map((member, j) => (j === i ? [member[0], changed] : member)) };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A tree that surely holds big numbers: the generated one inside an object beside a 20-digit and a negative big integer. */
export const withBigNumbers = (tree: JsonTree): JsonTree => ({
  kind: 'object',
  members: [
    ['id', { kind: 'number', negative: false, digits: '12345678901234567890', exponent: 0 }],
    ['neg', { kind: 'number', negative: true, digits: '9007199254740993', exponent: 0 }],
    ['ratio', { kind: 'number', negative: false, digits: '1000000000000000055511151231257827', exponent: -34 }],
    ['nested', tree],
  ],
});
