/** The parts of the fake that routes and drivers share. */
import type { FakeClock } from './clock.js';
import type { CommandRegistry } from './commands.js';
import type { Gateway } from './gateway.js';
import type { InteractionBook } from './interactions.js';
import type { World } from './world.js';

export interface FakeContext {
  world: World;
  gateway: Gateway;
  interactions: InteractionBook;
  commands: CommandRegistry;
  clock: FakeClock;
  /** How long an interaction may wait for its callback before Discord forgets it (3 s on Discord). */
  interactionDeadlineMs: number;
}
