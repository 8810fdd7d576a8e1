/**
 * Both homes of the shared state: Redis, and PostgreSQL alone (REDIS_URL unset). Contract suites and
 * end-to-end runs go over `backends`; the Redis half skips itself, saying why, when Redis does not
 * answer (global-setup.ts asks once per run). CI always has Redis.
 */
import { inject } from "vitest";

export type Backend = "redis" | "postgres";

export const testRedisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Why Redis cannot be used in this run, or "" when it answers. */
export const redisDown: string = inject("redisDown");

/** One entry per backend: its name as a suite title (with the reason when skipped) and whether to skip. */
export const backends: readonly { readonly backend: Backend; readonly title: string; readonly skip: boolean }[] = [
  { backend: "redis", title: redisDown ? `redis (skipped: ${redisDown})` : "redis", skip: redisDown !== "" },
  { backend: "postgres", title: "postgres", skip: false },
];
