import type { Command } from '../src/bot/command.js';
import { audit } from './audit.js';
import { followers } from './followers.js';
import { forget } from './forget.js';
import { help } from './help.js';
import { interests } from './interests.js';
import { keep } from './keep.js';
import { link } from './link.js';
import { nudges } from './nudges.js';
import { report } from './report.js';
import { undo } from './undo.js';
import { unlink } from './unlink.js';

/** Every slash command, as registered by `npm run deploy-commands` and routed by the bot. */
export const COMMANDS: readonly Command[] = [
  audit,
  link,
  unlink,
  keep,
  interests,
  nudges,
  report,
  followers,
  undo,
  forget,
  help,
];
