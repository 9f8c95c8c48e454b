import type { Logger } from 'pino';
import type { AuditReport } from '../model.js';
import type { ServiceSettings } from '../config/service-settings.js';
import type { TendQueues } from '../queues/queues.js';
import type { KeepList } from '../store/keep-list.js';
import type { LinkedAccounts } from '../store/linked-accounts.js';
import type { PersonSettingsStore } from '../store/person-settings.js';
import type { ReportStore } from '../store/reports.js';
import type { AuditAllowance, XReadBudget } from '../store/audit-limits.js';
import type { UndoResult } from '../services/undo.js';
import type { UnfollowLog } from '../store/unfollow-log.js';
import type { ReviewService } from './review/service.js';
import type { LinkFlow } from './link-flow.js';
import type { AuditWatcher } from './audit-watch.js';
import type { NudgeService } from './nudge-service.js';

/**
 * Everything the commands, buttons and reactions use, wired once in the bot's entry point
 * (start.ts) and passed in: no command reaches for a global.
 */
export interface BotDeps {
  settings: ServiceSettings;
  queues: TendQueues;
  reports: ReportStore;
  keepList: KeepList;
  personSettings: PersonSettingsStore;
  unfollowLog: UnfollowLog;
  /** Null when TEND_ENCRYPTION_KEY is unset: nothing that stores X tokens runs. */
  accounts: LinkedAccounts | null;
  /** Null when the X app (X_CLIENT_ID) or the encryption key is not configured. */
  link: LinkFlow | null;
  review: ReviewService;
  audits: AuditWatcher;
  nudges: NudgeService;
  undo: (personId: string, targetId: string) => Promise<UndoResult>;
  /** Each person's allowance of audits, and the operator's daily budget of X reads. */
  allowance: AuditAllowance;
  readBudget: XReadBudget;
  /** Deletes everything stored about the person; the number of keys removed. */
  forget: (personId: string) => Promise<number>;
  renderChart: (report: AuditReport) => Promise<Buffer>;
  logger: Logger;
  now: () => number;
}
