import type { ESLint } from 'eslint';

export const LAYERS: Record<string, readonly string[]>;
export function layerOf(file: string): string | null;
export const layersPlugin: ESLint.Plugin;
