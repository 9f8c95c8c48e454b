/**
 * Why a person's nudges stopped without their asking, and what the next reply to one of their commands
 * tells them about it.
 */

/** `dm_closed`: Discord refused the DM (error 50007); `left_servers`: no server is shared with the bot any more. */
export const PAUSE_REASONS = ['dm_closed', 'left_servers'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

const NOTICES: Record<PauseReason, string> = {
  dm_closed:
    'Your nudges are paused: Discord would not deliver Tend’s DM (your DMs are closed to the bot). ' +
    'Allow direct messages from this server’s members (Privacy Settings), then run /nudges on.',
  left_servers:
    'Your nudges have stopped: you no longer share a server with Tend, so it cannot DM you. ' +
    'Join a server Tend is in and run /nudges on to start them again.',
};

export function pauseNotice(reason: PauseReason): string {
  return NOTICES[reason];
}
