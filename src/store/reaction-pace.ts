/**
 * One pace for the reactions Tend adds in a Discord channel, whichever process adds them. Discord
 * allows about one reaction every 250 ms a channel; the bot (review pages) and the nudge worker
 * (digests) each pace themselves by Discord's headers, but not by each other, so in one DM they used to
 * meet 429s and wait out Discord's penalty. Here each PUT first reserves the channel's next slot in
 * Redis, and waits for it.
 */
import type { Redis } from 'ioredis';
import { sharedKeys } from './keys.js';

/** Discord allows one reaction per 250 ms a channel; 300 leaves room for the time a request travels. */
export const DEFAULT_REACTION_INTERVAL_MS = 300;

export class ReactionPace {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly intervalMs: number = DEFAULT_REACTION_INTERVAL_MS,
  ) {}

  /** Reserves the channel's next slot at or after `now`: how many ms to wait before the reaction goes. */
  async reserve(channelId: string, now: number): Promise<number> {
    const wait = await this.redis.eval(
      RESERVE,
      1,
      sharedKeys(this.prefix).reactionPace(channelId),
      String(now),
      String(this.intervalMs),
    );
    return Number(wait);
  }
}

/** KEYS: the channel's pace. ARGV: now, the interval (ms). Returns the wait (ms) before the slot. */
const RESERVE = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], at + interval, 'PX', at + interval - now + 1000)
return at - now`;

/**
 * What the Discord adapters await before each reaction: the channel's slot, on the wall clock Discord
 * counts by. If Redis cannot answer, the reaction goes at once (discord.js still paces by Discord's
 * headers, and retries a 429): a pace is no reason to leave a message without its reactions.
 */
export function reactionSlots(pace: ReactionPace): (channelId: string) => Promise<void> {
  return async (channelId) => {
    const wait = await pace.reserve(channelId, Date.now()).catch(() => 0);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
}
