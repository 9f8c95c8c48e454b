/** mulberry32, seeded, so generated data (demo, benchmark) is the same on every run: the engine's own, for the followers sample. */
export { seededRandom } from '../../src/engine/follower-sampling.js';
