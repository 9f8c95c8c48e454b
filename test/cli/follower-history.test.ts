import { describe, expect, it } from 'vitest';
import { formatFollowerHistory, parseFollowerHistory } from '../../src/cli/follower-history.js';
import { isUserError } from '../../src/errors.js';

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i * 104_729));

describe('the follower history file', () => {
  const snapshots = [
    { at: 1, owner: 'x:1', ids: ids(1_000_000, 5_000), missing: [] },
    { at: 2, owner: 'x:1', ids: ids(1_104_729, 5_000), missing: [ids(1_104_729, 1)[0]!] },
    { at: 3, owner: 'x:2', ids: ids(9_000_000, 10), missing: [] },
    { at: 4, owner: 'x:2', ids: ids(9_104_729, 10), missing: [] },
  ];

  it('reads back every snapshot it wrote, older ones kept as changes', () => {
    const text = formatFollowerHistory(snapshots);
    expect(parseFollowerHistory(text, 'h.json')).toEqual(snapshots);
    const full = JSON.stringify(snapshots.map((s) => s.ids)).length;
    expect(text.length).toBeLessThan(full / 5);
  });

  it('refuses a file that is not a follower history, naming it', () => {
    for (const text of [
      'nope',
      '{"tend":"profiles"}',
      '{"tend":"follower-snapshots","version":1,"snapshots":["AAAA"]}',
    ]) {
      let error: unknown;
      try {
        parseFollowerHistory(text, 'h.json');
      } catch (e) {
        error = e;
      }
      expect(isUserError(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(/^--followers-history h\.json: /);
    }
  });

  it('refuses a history whose snapshot holds a depth beyond its list with the message of a spoiled snapshot', () => {
    const depth = { [ids(1_000_000, 1)[0]!]: 2 ** 32 - 2 };
    const text = formatFollowerHistory([{ ...snapshots[0]!, depth, followersCount: 5_000 }]);
    expect(() => parseFollowerHistory(text, 'h.json')).toThrow(
      '--followers-history h.json: snapshot 1 cannot be read (follower snapshot holds a depth beyond its list)',
    );
  });
});
