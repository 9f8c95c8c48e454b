/** What the scripts that prepare a labelled collection for the bot model share: train.csv's layout. */
import { DAY_MS } from '../../src/model.js';

/** The columns of train.csv that Tend's bot model reads, in its order, then the label and the source. */
export const TRAIN_COLUMNS = [
  'created_at',
  'default_profile_image',
  'description',
  'favourites_count',
  'followers_count',
  'friends_count',
  'id',
  'location',
  'screen_name',
  'statuses_count',
  'account_age_days',
  'account_type',
  'source',
] as const;

/** An account's age in whole days when it was collected, as train.csv's `account_age_days` gives it. */
export function ageDays(collectedAt: number, createdAt: number): string {
  return String(Math.max(0, Math.round((collectedAt - createdAt) / DAY_MS)));
}
