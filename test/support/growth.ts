/**
 * How the cost of `run` grows with the length of its input, without a wall-clock budget: `run` reads the
 * short input `factor` times and the input `factor` times as long once, the same number of characters
 * either way, and the result is the second cost over the first. Linear work gives about 1, quadratic
 * work about `factor`. Cost is the process's CPU time, which other processes on a busy machine do not
 * add to, and the least of a few rounds (after one to warm the JIT), since a pause only ever adds; each
 * round is repeated until it lasts a few milliseconds, so the clock's grain does not decide it either.
 */
export function growth(
  run: (input: string) => unknown,
  input: (length: number) => string,
  longLength = 100_000,
  factor = 8,
): number {
  const short = input(Math.round(longLength / factor));
  const long = input(longLength);
  const time = (text: string, times: number, reps: number): number => {
    const start = process.cpuUsage();
    for (let r = 0; r < reps; r++) for (let i = 0; i < times; i++) run(text);
    const spent = process.cpuUsage(start);
    return (spent.user + spent.system) / 1000;
  };
  time(short, factor, 1);
  const once = time(long, 1, 1);
  const reps = Math.max(1, Math.ceil(MIN_ROUND_MS / Math.max(once, 0.01)));
  let longCost = Infinity;
  let shortCost = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    longCost = Math.min(longCost, time(long, 1, reps));
    shortCost = Math.min(shortCost, time(short, factor, reps));
  }
  return longCost / Math.max(shortCost, 0.001);
}

const ROUNDS = 3;
const MIN_ROUND_MS = 4;

/** A piece repeated to `length` characters, then `tail`: the shape of most inputs that make a regex backtrack. */
export function repeated(piece: string, tail = ''): (length: number) => string {
  return (length) =>
    piece
      .repeat(Math.ceil((length - tail.length) / piece.length))
      .slice(0, Math.max(0, length - tail.length)) + tail;
}

/**
 * Above this, the work grew faster than the input: quadratic work on an input 8 times as long costs about
 * 8 times as much per character, linear work about as much, and a busy machine can double a round.
 */
export const LINEAR = 3;
