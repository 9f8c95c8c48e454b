import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A focused test left behind would silently hide the rest of the suite.
    allowOnly: false,
  },
});
