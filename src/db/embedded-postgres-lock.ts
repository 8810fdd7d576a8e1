/**
 * Who holds an embedded PostgreSQL data directory. PostgreSQL writes `postmaster.pid` (its pid, the
 * port) while it runs; Kẻng writes `postgres.owner` (the pid of the Kẻng process that started it).
 * A killed run leaves one of two things behind: a lock whose process is gone (stale: removed here),
 * or a PostgreSQL still running with no Kẻng process behind it (an orphan: stopped here).
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type DataDirHolder =
  | { readonly kind: "none" }
  /** postmaster.pid names a process that is gone (or is not PostgreSQL). */
  | { readonly kind: "stale"; readonly pid: number }
  /** A PostgreSQL runs on this directory; `owner`: the live Kẻng process that started it, if any. */
  | { readonly kind: "running"; readonly pid: number; readonly port: number; readonly owner: number | undefined };

const lockFile = (pgDir: string) => join(pgDir, "postmaster.pid");
const ownerFile = (dir: string) => join(dir, "postgres.owner");

/** Reads the locks of `<dir>/postgres` (PostgreSQL's files) and `<dir>/postgres.owner`. */
export function findDataDirHolder(dir: string): DataDirHolder {
  const lines = readText(lockFile(join(dir, "postgres")))?.split("\n");
  if (!lines) return { kind: "none" };
  const pid = Number(lines[0]);
  if (!isPostgresAlive(pid)) return { kind: "stale", pid };
  const owner = Number(readText(ownerFile(dir)));
  return {
    kind: "running",
    pid,
    port: Number(lines[3]),
    owner: owner > 0 && owner !== pid && isAlive(owner) ? owner : undefined,
  };
}

/** Removes a stale `postmaster.pid`: PostgreSQL would refuse to start while its pid names a live process. */
export function removeStaleLock(dir: string): void {
  rmSync(lockFile(join(dir, "postgres")), { force: true });
}

/** Records this process as the one that started the server (and stops it). */
export function claimDataDir(dir: string): void {
  writeFileSync(ownerFile(dir), String(process.pid));
}

export function releaseDataDir(dir: string): void {
  if (Number(readText(ownerFile(dir))) === process.pid) rmSync(ownerFile(dir), { force: true });
}

/** Asks the PostgreSQL running on `<dir>/postgres` for a fast shutdown, without waiting (a process's last act). */
export function signalServerToStop(dir: string): void {
  const pid = Number(readText(lockFile(join(dir, "postgres")))?.split("\n")[0]);
  if (pid > 0) signal(pid, "SIGINT");
}

/** Asks an orphaned PostgreSQL for a fast shutdown and waits until it is gone. */
export async function stopOrphan(pid: number, timeoutMs = 30_000): Promise<boolean> {
  signal(pid, "SIGINT");
  const deadline = Date.now() + timeoutMs;
  while (isPostgresAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/** Alive, and (where /proc tells) a postgres binary: after a reboot the pid may belong to anything. */
function isPostgresAlive(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const command = readText(`/proc/${pid}/cmdline`);
  return command === undefined || command.includes("postgres");
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}
