/**
 * Sets an array's length, only when it changes: writing `length` is a call into the runtime even when
 * it stays the same (some 70 ns here), and the engine's work arrays are cut to size for every text of
 * every account.
 */
export function setLength(array: unknown[], length: number): void {
  if (array.length !== length) array.length = length;
}

/**
 * `array.fill(value, start, end)` as a loop: the builtin's call costs some 40 ns here, more than the
 * few slots (a text's words) the engine fills at a time.
 */
export function fillRange<T>(array: { [i: number]: T }, value: T, start: number, end: number): void {
  for (let i = start; i < end; i++) array[i] = value;
}
