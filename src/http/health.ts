/**
 * `GET /healthz`: 200 when Postgres and the other stores (Redis, if used) answer and every platform
 * this process receives for is receiving (a poller cut off by 409 Conflict is a deaf bot); 503,
 * naming which, when not.
 */
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

/** `probes`: the other stores by name (`redis`), each a call that fails when the store does not answer. */
export function healthRoute(options: {
  db: Db;
  probes: Readonly<Record<string, () => Promise<unknown>>>;
  receivers?: Receivers;
}): Route {
  const checks: [string, () => Promise<unknown>][] = [
    ["postgres", () => options.db.$queryRaw`SELECT 1`],
    ...Object.entries(options.probes),
  ];
  return {
    method: "GET",
    path: "/healthz",
    handler: async () => {
      const results = await Promise.all(checks.map(async ([name, check]) => [name, await probe(check)] as const));
      const platforms = receiving(options.receivers ?? {});
      const ok =
        results.every(([, result]) => result === "ok") && Object.values(platforms).every((state) => state === "ok");
      return json(ok ? 200 : 503, { status: ok ? "ok" : "degraded", ...Object.fromEntries(results), ...platforms });
    },
  };
}
