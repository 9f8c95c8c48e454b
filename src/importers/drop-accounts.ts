import type { Ledger } from '../model.js';

/**
 * Removes every ledger entry of the given accounts (ids or lowercased handles), under either key: the
 * ledger may hold an account under its id, its handle, or both. Used for blocked accounts, whose past
 * interactions must not make them look like relationships worth tending.
 */
export function dropAccounts(ledger: Ledger, accounts: ReadonlySet<string>): void {
  if (accounts.size === 0) return;
  for (const account of accounts) {
    ledger.entries.delete(`id:${account}`);
    ledger.entries.delete(`@${account.toLowerCase()}`);
    const aliased = ledger.aliases.get(account.toLowerCase());
    if (aliased) ledger.entries.delete(`id:${aliased}`);
  }
  for (const [handle, id] of ledger.aliases) {
    if (accounts.has(id)) ledger.entries.delete(`@${handle}`);
  }
}
