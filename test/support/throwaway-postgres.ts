/**
 * An embedded PostgreSQL for one test run, in a temporary directory that `stop` deletes. Servers
 * of earlier runs that were killed (vitest gone, PostgreSQL still running) are stopped and deleted
 * first; those of runs still going are left alone.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../src/db/embedded-postgres.js";
import { findDataDirHolder, stopOrphan } from "../../src/db/embedded-postgres-lock.js";

const PREFIX = "keng-test-postgres-";

export async function startThrowawayPostgres(): Promise<EmbeddedPostgres> {
  await removeLeftovers();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  // As root, PostgreSQL runs as the user `postgres`, which must enter the directory (mkdtemp makes it 700).
  chmodSync(dir, 0o711);
  const server = await startEmbeddedPostgres({ dir, throwaway: true }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function removeLeftovers(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    const holder = findDataDirHolder(dir);
    if (holder.kind === "running") {
      if (holder.owner !== undefined || !(await stopOrphan(holder.pid))) continue;
    } else if (Date.now() - statSync(dir).mtimeMs < 3_600_000) {
      continue; // perhaps a run that is creating its server right now
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
