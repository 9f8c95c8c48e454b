/**
 * The layering README states ("Project layout"), as the lint run enforces it: an import the wrong way
 * fails `npm test`, and the table of what may import what has no cycle between folders.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, layerOf } from '../eslint-layers.js';

const eslint = new ESLint();

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('the layering rule', () => {
  it('refuses the engine anything but the model and the ledger', async () => {
    expect(await layerErrors('src/engine/probe.ts', "export { X } from '../store/keys.js';\n")).toEqual([
      expect.stringContaining('src/engine may not import src/store/keys.ts'),
    ]);
    expect(
      await layerErrors(
        'src/engine/probe.ts',
        "import type { Ledger } from '../model.js';\nexport type L = Ledger;\n",
      ),
    ).toEqual([]);
  });

  it('keeps the bot and its commands out of the stores, the Discord plumbing and the workers', async () => {
    for (const [file, spec] of [
      ['src/store/probe.ts', '../bot/deps.js'],
      ['src/discord/probe.ts', '../../commands/index.js'],
      ['src/nudges/probe.ts', '../bot/render/summary.js'],
      ['workers/probe.ts', '../src/bot/interactions.js'],
    ] as const) {
      const errors = await layerErrors(file, `export * from '${spec}';\n`);
      expect(errors, `${file} → ${spec}`).toHaveLength(1);
    }
  });

  it('lets the shells use what lies below them', async () => {
    expect(await layerErrors('workers/probe.ts', "export * from '../src/store/keys.js';\n")).toEqual([]);
    expect(await layerErrors('commands/probe.ts', "export * from '../src/bot/command.js';\n")).toEqual([]);
    expect(await layerErrors('src/bot/start.ts', "export * from '../../commands/index.js';\n")).toEqual([]);
  });

  it('allows no cycle between folders', () => {
    const folder = (entry: string) => (entry.endsWith('.ts') || entry.endsWith('.json') ? 'src' : entry);
    const edges = new Map<string, Set<string>>();
    for (const [layer, allowed] of Object.entries(LAYERS)) {
      // The composition root may reach every layer: it is where a process is put together.
      if (layer === 'src/bot/start.ts') continue;
      const from = folder(layer);
      for (const entry of allowed) {
        const to = folder(entry);
        if (to === from || (from === 'src' && entry.startsWith('src/engine/'))) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    const reaches = (from: string, goal: string, seen = new Set<string>()): boolean =>
      [...(edges.get(from) ?? [])].some(
        (next) => next === goal || (!seen.has(next) && (seen.add(next), reaches(next, goal, seen))),
      );
    const cyclic = [...edges.keys()].filter((layer) => reaches(layer, layer));
    expect(cyclic).toEqual([]);
    expect(layerOf('src/bot/review/service.ts')).toBe('src/bot');
  });
});
