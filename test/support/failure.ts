import { expect } from 'vitest';
import { UserError } from '../../src/errors.js';

/** The UserError a promise rejects with; fails the test when it resolves or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error, 'expected the import to fail').toBeInstanceOf(UserError);
  return error!;
}
