import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: local nodes and worker pools in parallel files fight for them.
    maxWorkers: 2,
  },
});
