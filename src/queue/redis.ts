/** ioredis connections. BullMQ workers need `maxRetriesPerRequest: null` (blocking commands). */
import { Redis } from "ioredis";
import { DependencyUnavailableError } from "../core/errors.js";

export function createRedis(url: string, options: { forWorker?: boolean; lazy?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: options.forWorker ? null : 3,
    enableReadyCheck: true,
    lazyConnect: options.lazy ?? false,
  });
}

/** Pings Redis once, with a short timeout, and explains how to start it when it is not there. */
export async function checkRedis(url: string): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const u = new URL(url);
    throw new DependencyUnavailableError(
      `Redis is not reachable at ${u.hostname}:${u.port || 6379} (${(error as Error).message}). Start it, e.g. \`docker compose up -d postgres redis\`, or set REDIS_URL.`,
      { cause: error },
    );
  } finally {
    probe.disconnect();
  }
}
