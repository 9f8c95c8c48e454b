import { HANDLE_SYMBOLS, handleSymbol, type HandleBigrams } from '../../src/engine/bot-features.js';

/**
 * Learns the handle bigram model from a list of words: how people spell, learned without a single
 * account of the training set, so the likelihood cannot carry one collection's labels. Add-one
 * smoothing, so an unseen pair is unlikely rather than impossible.
 */
export function learnBigrams(words: readonly string[]): HandleBigrams {
  const counts = new Float64Array(HANDLE_SYMBOLS * HANDLE_SYMBOLS).fill(1);
  for (const word of words) {
    let previous = 0;
    for (let i = 0; i < word.length; i++) {
      const s = handleSymbol(word.charCodeAt(i));
      if (s === 0) continue;
      counts[previous * HANDLE_SYMBOLS + s]! += 1;
      previous = s;
    }
    if (previous !== 0) counts[previous * HANDLE_SYMBOLS]! += 1;
  }
  const logProb: number[] = [];
  for (let from = 0; from < HANDLE_SYMBOLS; from++) {
    let row = 0;
    for (let to = 0; to < HANDLE_SYMBOLS; to++) row += counts[from * HANDLE_SYMBOLS + to]!;
    for (let to = 0; to < HANDLE_SYMBOLS; to++)
      logProb.push(Number(Math.log(counts[from * HANDLE_SYMBOLS + to]! / row).toFixed(4)));
  }
  return { logProb };
}
