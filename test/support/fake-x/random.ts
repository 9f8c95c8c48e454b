/**
 * Random access to seeded randomness: the value for (seed, account, facet) is computed, not drawn in
 * sequence, so any account of a network of millions can be built alone, in any order, always the same.
 */

/** A 32-bit hash of the integers (murmur3's finalizer over each, chained). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Parts above 2^32 (times) still count whole.
    h ^= Math.floor(part / 4294967296) >>> 0;
  }
  return h >>> 0;
}

/** A number in [0, 1) for the parts. */
export function unit(...parts: number[]): number {
  return hash32(...parts) / 4294967296;
}

/** One of the items, picked by the parts. */
export function pick<T>(items: readonly T[], ...parts: number[]): T {
  return items[hash32(...parts) % items.length]!;
}

/** An integer in [min, max], picked by the parts. */
export function between(min: number, max: number, ...parts: number[]): number {
  return min + Math.floor(unit(...parts) * (max - min + 1));
}
