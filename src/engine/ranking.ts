/**
 * Items by weight, largest first, ties in their original order. An insertion sort: the engine ranks a
 * handful of items per account, and `Array#sort` would allocate its work space for each of 100k.
 */
export function largestFirst<T>(items: readonly T[], weight: (item: T) => number): T[] {
  const sorted: T[] = [];
  for (const item of items) {
    const w = weight(item);
    let at = sorted.length;
    for (; at > 0 && weight(sorted[at - 1]!) < w; at -= 1) sorted[at] = sorted[at - 1]!;
    sorted[at] = item;
  }
  return sorted;
}
