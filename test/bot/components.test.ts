/**
 * Buttons and modals live with the command that sends them, and are routed by their custom id's
 * prefix. Messages sent before a restart or an upgrade still carry the ids shipped then: each must still
 * reach a handler.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { componentFor } from '../../src/bot/command.js';

const SHIPPED = [
  ['button', 'review:start:a1', 'report'],
  ['button', 'export:csv:a1', 'report'],
  ['button', 'export:json:a1', 'report'],
  ['button', 'link:paste', 'link'],
  ['modal', 'link:paste:modal', 'link'],
  ['button', 'forget:confirm', 'forget'],
  ['button', 'forget:cancel', 'forget'],
  ['button', 'followers:confirm:a1', 'audit'],
  ['button', 'followers:export:csv:a1', 'followers'],
  ['button', 'followers:export:json:a1', 'followers'],
] as const;

describe('the components commands declare', () => {
  it('still answer every custom id shipped in messages already sent, in the command that sent it', () => {
    for (const [kind, customId, owner] of SHIPPED) {
      const component = componentFor(COMMANDS, kind, customId);
      expect(component, customId).not.toBeNull();
      const command = COMMANDS.find((c) => c.components?.includes(component!));
      expect(command?.data.name, customId).toBe(owner);
    }
  });

  it('give no two components of a kind the same prefix', () => {
    const prefixes = COMMANDS.flatMap((c) => c.components ?? []).map((c) => `${c.kind} ${c.prefix}`);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('route nothing for an id no command sends', () => {
    expect(componentFor(COMMANDS, 'button', 'nudge:stop')).toBeNull();
    expect(componentFor(COMMANDS, 'modal', 'link:paste')).toBeNull();
  });
});
