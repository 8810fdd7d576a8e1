/**
 * Test files that look into Redis itself or start processes that share one Redis: without a Redis
 * that answers they cannot run, so vitest.config.ts leaves them out then and says so in one line.
 * Every other file runs anyway: the harness falls back to PostgreSQL alone (harness.ts) and the
 * contract suites skip their Redis half.
 */
export const NEEDS_REDIS = [
  "test/e2e/admin-cli.test.ts",
  "test/e2e/alarms-lost-jobs.test.ts",
  "test/e2e/coverage-report.test.ts",
  "test/e2e/deliver-queue.test.ts",
  "test/e2e/process.test.ts",
  "test/e2e/sandbox.test.ts",
  "test/e2e/tips-digest.test.ts",
  "test/e2e/tips-restart.test.ts",
  "test/reliability/many-processes.test.ts",
  "test/security/anonymity.test.ts",
];
