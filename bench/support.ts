/** Shared set-up for benchmarks: a fresh migrated database, seeding, the app in its own process. */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { applyMigrations } from "../src/db/migrations.js";
import { createDatabase, type Db } from "../src/db/client.js";
import type { Sql } from "../src/db/sql.js";
import { spawnApp, type ChildApp } from "../test/support/child-app.js";
import type { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";

const adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  readonly url: string;
  readonly db: Db;
  /** The pool under `db`, for the plain-SQL writers (src/db/sql.ts). */
  readonly pool: Sql;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `keng_bench_${Date.now()}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  const { db, pool, close } = createDatabase(url.toString(), { poolSize: 10 });
  return {
    url: url.toString(),
    db,
    pool,
    async drop() {
      await close();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** An area with an officer and `groups` registered groups (ids -base-i). */
export async function seedArea(options: {
  db: Db;
  fake: FakeTelegramServer;
  code: string;
  officerId: number;
  groups: number;
  base: number;
}) {
  const { db, fake } = options;
  const area = await db.area.create({ data: { code: options.code, name: `Khu vực ${options.code}` } });
  const user = await db.user.create({
    data: { platform: "telegram", platformUserId: String(options.officerId), displayName: "Cán bộ" },
  });
  await db.role.create({ data: { userId: user.id, areaId: area.id, role: "officer" } });
  fake.addPrivateChatUser({ id: options.officerId, first_name: "Cán bộ", language_code: "vi" });
  const rows = [];
  for (let i = 0; i < options.groups; i++) {
    const id = -(options.base + i);
    fake.addGroup({ id, title: `Tổ ${i}` });
    rows.push({
      platform: "telegram" as const,
      platformChatId: String(id),
      kind: "group" as const,
      title: `Tổ ${i}`,
      areaId: area.id,
    });
  }
  await db.chat.createMany({ data: rows });
  return { area, officer: { id: options.officerId, first_name: "Cán bộ", language_code: "vi" } };
}

/** Where the bot keeps its jobs and limits: Redis, or PostgreSQL alone (REDIS_URL unset). */
export type BenchBackend = "redis" | "postgres";

/** BENCH_BACKEND: `redis` (default), `postgres`, or `redis,postgres` (each benchmark on both, one after the other). */
export function benchBackends(): BenchBackend[] {
  const names = (process.env.BENCH_BACKEND ?? "redis").split(",").map((name) => name.trim());
  return names.map((name) => {
    if (name !== "redis" && name !== "postgres")
      throw new Error(`BENCH_BACKEND: "${name}" is neither redis nor postgres`);
    return name;
  });
}

export function appEnv(options: {
  fake: FakeTelegramServer;
  databaseUrl: string;
  prefix?: string;
  backend: BenchBackend;
}): Record<string, string> {
  return {
    // Empty: unset even if this shell has REDIS_URL (the bot process inherits the environment).
    REDIS_URL: options.backend === "redis" ? (process.env.REDIS_URL ?? "redis://127.0.0.1:6379") : "",
    TELEGRAM_BOT_TOKEN: options.fake.token,
    TELEGRAM_API_ROOT: options.fake.apiRoot,
    DATABASE_URL: options.databaseUrl,
    QUEUE_PREFIX: options.prefix ?? `keng-bench-${randomBytes(4).toString("hex")}`,
    PORT: "0",
    TIP_SEAL_KEY: randomBytes(32).toString("base64"),
    ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: process.env.BENCH_APP_LOG_LEVEL ?? "error",
  };
}

export async function startAppProcess(env: Record<string, string>, fake: FakeTelegramServer): Promise<ChildApp> {
  const started = fake.calls.filter((c) => c.method === "deleteWebhook").length;
  // BENCH_APP_ENTRY=dist/src/main.js: measure the compiled app (`npm run build`), as the Docker image runs it.
  const app = spawnApp(env, process.env.BENCH_APP_ENTRY ? { entry: process.env.BENCH_APP_ENTRY } : {});
  // Ready when polling starts: telegraf's launch calls deleteWebhook right before its first getUpdates.
  await fake.waitForCalls("deleteWebhook", started + 1, 60_000);
  return app;
}

export async function stopAppProcess(app: ChildApp): Promise<void> {
  app.child.kill("SIGTERM");
  await app.exited;
}

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function table(rows: readonly (readonly [string, string, string])[]): string {
  const header: [string, string, string] = ["measure", "result", "target"];
  const all = [header, ...rows];
  const widths = [0, 1, 2].map((i) => Math.max(...all.map((r) => r[i]?.length ?? 0)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process, in MB (0 once it is gone). */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}
