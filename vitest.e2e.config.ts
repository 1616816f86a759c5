// Browser tests: the built web apps (npm run build:web) served by the real server, driven through
// Debian's Chromium. One server for the suite; files run one after another (2 cores).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 150_000,
  },
});
