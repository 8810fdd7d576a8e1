/** `GET /healthz`: 200 when Postgres and Redis answer, 503 (naming which) when not. */
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

export function healthRoute(options: { db: Db; redis: Redis }): Route {
  return {
    method: "GET",
    path: "/healthz",
    handler: async () => {
      const [postgres, redis] = await Promise.all([probe(() => options.db.$queryRaw`SELECT 1`), probe(() => options.redis.ping())]);
      const ok = postgres === "ok" && redis === "ok";
      return json(ok ? 200 : 503, { status: ok ? "ok" : "degraded", postgres, redis });
    },
  };
}
