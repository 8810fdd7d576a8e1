/**
 * `GET /healthz`: 200 when Postgres and Redis answer and every platform this process receives for
 * is receiving (a poller cut off by 409 Conflict is a deaf bot); 503, naming which, when not.
 */
import type { Redis } from "ioredis";
import type { Db } from "../db/client.js";
import { json, type Route } from "./server.js";

async function probe(check: () => Promise<unknown>): Promise<"ok" | "down"> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000))]);
    return "ok";
  } catch {
    return "down";
  }
}

/** Per platform this process receives for: whether updates reach it now (undefined: not receiving by design). */
export type Receivers = Readonly<Record<string, () => boolean | undefined>>;

function receiving(receivers: Receivers): Record<string, "ok" | "down"> {
  const states: Record<string, "ok" | "down"> = {};
  for (const [platform, state] of Object.entries(receivers)) {
    const now = state();
    if (now !== undefined) states[platform] = now ? "ok" : "down";
  }
  return states;
}

export function healthRoute(options: { db: Db; redis: Redis; receivers?: Receivers }): Route {
  return {
    method: "GET",
    path: "/healthz",
    handler: async () => {
      const [postgres, redis] = await Promise.all([probe(() => options.db.$queryRaw`SELECT 1`), probe(() => options.redis.ping())]);
      const platforms = receiving(options.receivers ?? {});
      const ok = postgres === "ok" && redis === "ok" && Object.values(platforms).every((state) => state === "ok");
      return json(ok ? 200 : 503, { status: ok ? "ok" : "degraded", postgres, redis, ...platforms });
    },
  };
}
