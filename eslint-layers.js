// Which part of Tend may import which: the rule README's "Project layout" states, checked by `npm run lint`.
// A folder (or a file of src/ itself) lists what its files may import besides themselves; an import
// elsewhere in the project fails the lint. Packages are not limited here. Tests, scripts and benchmarks
// may import anything.
import path from 'node:path';

/** The shared base: the model, the ledger, errors, logging, text limits, paths, process handling. */
const BASE = [
  'src/model.ts',
  'src/ledger.ts',
  'src/errors.ts',
  'src/log.ts',
  'src/text-limits.ts',
  'src/paths.ts',
  'src/process.ts',
];
const PURE = ['src/engine', 'src/report', 'src/discord', 'src/nudges', 'src/unfollows'];
const BELOW_SHELL = [
  ...BASE,
  ...PURE,
  'src/sources',
  'src/importers',
  'src/companion',
  'src/store',
  'src/queues',
  'src/audit',
  'src/config',
  'src/services',
];

export const LAYERS = {
  // The model's default thresholds carry the bot model's own.
  'src/model.ts': ['src/engine/bot-model.json'],
  'src/ledger.ts': ['src/model.ts'],
  'src/process.ts': ['src/errors.ts'],
  // The engine is pure: the model and the ledger only.
  'src/engine': ['src/model.ts', 'src/ledger.ts'],
  'src/report': [...BASE, 'src/engine'],
  'src/discord': BASE,
  'src/sources': BASE,
  'src/importers': [...BASE, 'src/engine', 'src/sources'],
  // The browser companion's code and which accounts it looks up: text and pure functions over a report.
  'src/companion': ['src/model.ts'],
  'src/nudges': [...BASE, 'src/engine', 'src/discord'],
  'src/unfollows': [...BASE, 'src/sources'],
  'src/store': [...BASE, 'src/engine', 'src/sources', 'src/nudges', 'src/unfollows'],
  'src/audit': [...BASE, 'src/engine', 'src/importers', 'src/sources', 'src/store', 'src/report'],
  'src/queues': [...BASE, 'src/store', 'src/nudges', 'src/sources', 'src/audit'],
  'src/config': [...BASE, 'src/importers', 'src/queues', 'src/store'],
  'src/services': [...BASE, ...PURE, 'src/sources', 'src/store', 'src/queues', 'src/config'],
  'src/cli': [...BELOW_SHELL],
  // The three shells: nothing imports the bot and its commands but themselves, and workers run apart.
  workers: [...BELOW_SHELL],
  'src/bot': [...BELOW_SHELL],
  // The bot's one composition root wires the commands in.
  'src/bot/start.ts': [...BELOW_SHELL, 'src/bot', 'commands'],
  commands: [...BELOW_SHELL, 'src/bot'],
};

/** The most specific entry of LAYERS that holds `file` (a path from the project root). */
export function layerOf(file) {
  let best = null;
  for (const key of Object.keys(LAYERS)) {
    if ((file === key || file.startsWith(key + '/')) && (!best || key.length > best.length)) best = key;
  }
  return best;
}

function inside(file, entry) {
  return file === entry || file.startsWith(entry + '/');
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "imports follow the layering README's Project layout states" },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const layer = layerOf(file);
    if (!layer) return {};
    const own = layer.endsWith('.ts') ? path.posix.dirname(layer) : layer;
    const check = (node) => {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.posix
        .normalize(path.posix.join(path.posix.dirname(file), spec))
        .replace(/\.js$/, '.ts');
      if (!layer.endsWith('.ts') && inside(target, own)) return;
      if (LAYERS[layer].some((entry) => inside(target, entry))) return;
      if (target.startsWith('..')) return;
      context.report({
        node: node.source,
        message: `${layer} may not import ${target}: see "Project layout" in README (eslint-layers.js)`,
      });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export const layersPlugin = { rules: { imports: rule } };
