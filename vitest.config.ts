import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // .ci/run asks for a JSON report to print a plain "N passed, N failed" line at the end.
    reporters: process.env.BANGFU_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.BANGFU_TEST_REPORT ? { json: process.env.BANGFU_TEST_REPORT } : undefined,
    // Database suites open PGlite (≈1 s) and a server schema each; keep workers few on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
