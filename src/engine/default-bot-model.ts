import modelFile from './bot-model.json' with { type: 'json' };
import { modelBotScorer, type BotScorer } from './bot-score.js';
import { parseBotModel, type BotModel } from './bot-model.js';

/**
 * The model Tend ships, trained by `npm run train:bots` (scripts/bots/train.ts) and checked on first
 * use. Its threshold is the engine's default `botThreshold`.
 */
let model: BotModel | null = null;

export function defaultBotModel(): BotModel {
  model ??= parseBotModel(modelFile);
  return model;
}

/** Reasons are worded from `reasonsFrom` up: pass the audit's bot threshold. */
export function defaultBotScorer(reasonsFrom: number = defaultBotModel().threshold): BotScorer {
  return modelBotScorer(defaultBotModel(), reasonsFrom);
}
