/**
 * Brings a database up to date before the app starts: creates the database if it is missing,
 * skips the (slow to exit) Prisma CLI when `_prisma_migrations` already lists every migration,
 * otherwise runs `prisma migrate deploy`.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { DependencyUnavailableError } from "../core/errors.js";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(import.meta.url);
const migrationsDir = `${projectRoot}prisma/migrations`;

function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, "")) || "postgres";
}

function withDatabase(databaseUrl: string, name: string): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Migration folder names and checksums, as Prisma records them. */
export function listMigrations(): { name: string; checksum: string }[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256")
        .update(readFileSync(`${migrationsDir}/${name}/migration.sql`))
        .digest("hex"),
    }));
}

async function withClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  try {
    await withClient(databaseUrl, async () => undefined);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw unreachable(databaseUrl, error);
  }
  await withClient(withDatabase(databaseUrl, "postgres"), async (client) => {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
      if (error.code !== "42P04") throw error; // created meanwhile by another process
    });
  });
}

function unreachable(databaseUrl: string, cause: unknown): DependencyUnavailableError {
  const u = new URL(databaseUrl);
  return new DependencyUnavailableError(
    `PostgreSQL is not reachable at ${u.hostname}:${u.port || 5432} (${(cause as Error).message}). Start it, e.g. \`docker compose up -d postgres redis\`, or set DATABASE_URL.`,
    { cause },
  );
}

/** Whether every migration folder is recorded as applied. */
export async function migrationsAreCurrent(databaseUrl: string): Promise<boolean> {
  const wanted = listMigrations();
  return withClient(databaseUrl, async (client) => {
    const table = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS exists",
    );
    if (!table.rows[0]?.exists) return wanted.length === 0;
    const applied = await client.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Map(applied.rows.map((row) => [row.migration_name, row.checksum]));
    return wanted.every((m) => done.get(m.name) === m.checksum);
  });
}

/** Runs `prisma migrate deploy` against a database URL. */
export async function runPrismaMigrateDeploy(databaseUrl: string): Promise<void> {
  // Resolved like an import, so it is found from a build in dist/ too (see copy-build-assets.ts).
  const cli = join(dirname(require.resolve("prisma/package.json")), "build/index.js");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`)),
    );
  });
}

/** Creates the database if needed and applies pending migrations. Returns whether the CLI ran. */
export async function applyMigrations(databaseUrl: string): Promise<{ ranCli: boolean }> {
  await ensureDatabase(databaseUrl);
  if (await migrationsAreCurrent(databaseUrl)) return { ranCli: false };
  await runPrismaMigrateDeploy(databaseUrl);
  return { ranCli: true };
}
