import { describe, expect, it } from 'vitest';
import { typedAccount, typedAccounts, typedName } from '../../src/engine/typed-account.js';

describe('an account as a person types it', () => {
  it('takes digits for an id and anything else for a handle, without its @', () => {
    expect(typedAccount(' @Jane_Doe ')).toEqual({ handle: 'Jane_Doe' });
    expect(typedAccount('12345')).toEqual({ id: '12345' });
    expect(typedAccount('@12345')).toEqual({ id: '12345' });
    expect(typedAccount('  ')).toBeNull();
    expect(typedName(' @@x')).toBe('@x');
  });

  it('splits a list on commas and spaces, dropping empty parts', () => {
    expect(typedAccounts('@jane, 12345  bob,,')).toEqual([
      { handle: 'jane' },
      { id: '12345' },
      { handle: 'bob' },
    ]);
    expect(typedAccounts(' , ')).toEqual([]);
  });
});
