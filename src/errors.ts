/**
 * An error whose message is written for the person using Tend: shown as is, with no stack trace.
 * Anything else is a bug, logged with a reference.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** What went wrong, in one line for a log or a message: an Error's message, or anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
