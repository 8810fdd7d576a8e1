import { createConnection } from "node:net";
import { defineConfig } from "vitest/config";
import { NEEDS_REDIS } from "./test/support/needs-redis.js";

/** Whether anything listens at Redis's address (global-setup.ts then asks it properly). */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 2000 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

export default defineConfig(async () => {
  const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const redisUp = await listening(redis.hostname, Number(redis.port || 6379));
  if (!redisUp)
    console.warn(
      `No Redis at ${redis.host}: ${NEEDS_REDIS.length} test files that need it are skipped (test/support/needs-redis.ts); the rest run on PostgreSQL alone.`,
    );
  return {
    test: {
      include: ["test/**/*.test.ts", "src/**/*.test.ts"],
      exclude: ["**/node_modules/**", ...(redisUp ? [] : NEEDS_REDIS)],
      globalSetup: ["test/support/global-setup.ts"],
      pool: "forks",
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // Two cores, but most of a test is waiting on the fake servers and the send rate: four files at a
      // time keep both cores busy (8 min, was 9.5 with three). Child apps keep small pools
      // (support/child-app.ts), so four files of several processes each stay under 100 connections.
      maxWorkers: 4,
    },
  };
});
