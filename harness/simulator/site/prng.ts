// A small seeded generator (sfc32, seeded from a cyrb53-style string hash): the same seed gives the same numbers on
// every platform, and each user draws from its own stream, so user i never depends on how many users came before.

/** Two independent 32-bit hashes of `text`. */
export function hashString(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string, stream: number) {
    [this.a, this.b] = hashString(seed);
    this.c = stream >>> 0;
    this.d = 0x9e3779b9;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of `items`, each as likely as its weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** Some of `items` (each kept with probability p), in their order. */
  some<T>(items: readonly T[], p: number): T[] {
    return items.filter(() => this.chance(p));
  }

  hex(digits: number): string {
    let out = '';
    while (out.length < digits) out += this.u32().toString(16).padStart(8, '0');
    return out.slice(0, digits);
  }
}

const MASK60 = (1n << 60n) - 1n;

/**
 * 60 bits that differ for every index (a bijection on [0, 2^60): xor with a key, then odd multiplications and
 * xor-shifts), written as 15 hex digits. Account IDs embed them, so generated IDs never collide however many there are.
 */
export function uniqueHex15(index: number, seed: string): string {
  const [k1, k2] = hashString(`ids:${seed}`);
  let x = (BigInt(index) ^ ((BigInt(k1) << 28n) | BigInt(k2))) & MASK60;
  for (const odd of [0x9e3779b97f4a7c1n, 0xbf58476d1ce4e5bn]) {
    x = (x * odd) & MASK60;
    x ^= x >> 29n;
  }
  return x.toString(16).padStart(15, '0');
}
