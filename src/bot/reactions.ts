/**
 * Routes every reaction the bot sees, beside the interaction router: a reaction on one of the
 * reactor's digests goes to the nudges, every other one to the review. Reactions are read from the raw
 * gateway packets: discord.js 14.27+ drops a reaction in a DM channel it has not cached
 * (discordjs/discord.js#11486), which is every review page after a restart.
 */
import type { Logger } from 'pino';
import { errorMessage } from '../errors.js';
import { isOutOfStorage, type StorageAlarm } from '../store/storage-health.js';
import type { NudgeService } from './nudge-service.js';
import type { ReviewService } from './review/service.js';

/** The fields of a gateway reaction packet the review reads. */
interface RawReaction {
  user_id: string;
  channel_id: string;
  message_id: string;
  emoji: { name: string | null };
}

export function reactionHandler(
  services: { nudges: Pick<NudgeService, 'onReaction'>; review: Pick<ReviewService, 'onReaction'> },
  storage: StorageAlarm,
  logger: Logger,
): (packet: { t?: string; d?: RawReaction }) => void {
  return (packet) => {
    if (packet.t !== 'MESSAGE_REACTION_ADD' && packet.t !== 'MESSAGE_REACTION_REMOVE') return;
    const d = packet.d!;
    const event = {
      userId: d.user_id,
      channelId: d.channel_id,
      messageId: d.message_id,
      emoji: d.emoji.name ?? '',
      added: packet.t === 'MESSAGE_REACTION_ADD',
    };
    services.nudges
      .onReaction(event)
      .then(async (handled) => (handled ? undefined : services.review.onReaction(event)))
      .catch((error: unknown) =>
        isOutOfStorage(error)
          ? storage.raise(error)
          : logger.error({ reason: errorMessage(error) }, 'reaction failed'),
      );
  };
}
