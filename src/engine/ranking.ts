/**
 * Items by weight, largest first, ties in the order they came: an insertion sort, as the engine ranks
 * a handful of items per account. Cleared and refilled rather than made anew, so ranking the items of
 * each of 100k accounts allocates nothing; `Array#sort` would allocate its work space every time.
 */
export class Ranking<T> {
  /** The ranked items; only the first `size` are current. */
  readonly items: T[] = [];
  private readonly weights: number[] = [];
  size = 0;

  clear(): void {
    this.size = 0;
  }

  /** Places the item after every item weighing as much or more. */
  add(item: T, weight: number): void {
    let at = this.size;
    for (; at > 0 && this.weights[at - 1]! < weight; at -= 1) {
      this.items[at] = this.items[at - 1]!;
      this.weights[at] = this.weights[at - 1]!;
    }
    this.items[at] = item;
    this.weights[at] = weight;
    this.size += 1;
  }
}
