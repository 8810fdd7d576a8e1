/**
 * Backups as the README tells them: `pg_dump -Fc` of a running instance, `pg_restore` into a fresh
 * database, and Kẻng started on it serves the same areas, roles and tips. Skips itself, saying why,
 * when this machine has no pg_dump that can dump the test server (a machine with only Node runs
 * the tests on an embedded PostgreSQL, which ships no client tools).
 */
import { sendQuickTip } from "../support/quick-tip.js";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApp, type App } from "../../src/app.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

let h: Harness;
let restored: App | undefined;
let restoredUrl = "";
let dir = "";
const officer = { id: 7_700_000_001, first_name: "Lan", language_code: "vi" };
const tipster = { id: 7_700_000_002, first_name: "Mai", language_code: "vi" };

async function admin(sql: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: inject("postgresAdminUrl") });
  await client.connect();
  const result = await client.query<Record<string, string>>(sql);
  await client.end();
  return Object.values(result.rows[0] ?? {})[0];
}

/** Why this machine's pg_dump cannot dump the test server, or undefined when it can. */
async function pgDumpProblem(): Promise<string | undefined> {
  let version: string;
  try {
    version = execFileSync("pg_dump", ["--version"], { encoding: "utf8" });
  } catch {
    return "pg_dump is not installed (Debian: apt-get install postgresql-client)";
  }
  const client = Number(/(\d+)\.\d+/.exec(version)?.[1] ?? 0);
  const server = Math.floor(Number(await admin("SHOW server_version_num")) / 10_000);
  return client < server ? `pg_dump ${client} cannot dump PostgreSQL ${server}` : undefined;
}

const skipBecause = await pgDumpProblem();
if (skipBecause) console.warn(`Skipping the backup test: ${skipBecause}.`);

describe.skipIf(skipBecause !== undefined)(
  `backup and restore${skipBecause ? ` (skipped: ${skipBecause})` : ""}`,
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "keng-backup-"));
      h = await startHarness();
      for (const u of [SUPERADMIN, officer, tipster]) h.fake.addPrivateChatUser(u);
      await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
      const invite = await h.dm(SUPERADMIN, "/moi officer hanam");
      await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
      await h.dm(tipster, "/theodoi hanam");
    });

    afterAll(async () => {
      await restored?.stop();
      await h?.stop();
      if (restoredUrl)
        await admin(`DROP DATABASE IF EXISTS "${new URL(restoredUrl).pathname.slice(1)}" WITH (FORCE)`).catch(
          () => undefined,
        );
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("restores a dump of a running instance into a fresh database that serves the same data", async () => {
      const { receipt } = await sendQuickTip(h, tipster, "Có đường dây cá độ bóng đá ở quán cà phê");
      const code = /TG-[A-Z0-9]{6}/.exec(receipt.plainText)?.[0] ?? "";
      expect(code).not.toBe("");
      await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes(code), 15_000);

      // Dump while the instance runs, as an operator would.
      const file = join(dir, "keng.dump");
      execFileSync("pg_dump", ["-Fc", "-f", file, h.databaseUrl]);
      const name = `keng_test_${Math.floor(Date.now() / 1000)}_${process.pid}_restore`;
      const server = new URL(inject("postgresAdminUrl"));
      server.pathname = `/${name}`;
      restoredUrl = server.toString();
      await admin(`CREATE DATABASE "${name}"`);
      execFileSync("pg_restore", ["--no-owner", "-d", restoredUrl, file]);

      await h.app.stop();
      restored = await startApp(
        {
          ...h.config,
          DATABASE_URL: restoredUrl,
          QUEUE_PREFIX: `${h.config.QUEUE_PREFIX}-r${randomBytes(2).toString("hex")}`,
        },
        { logger: pino({ level: "silent" }) },
      );

      h.fake.sendText({ chatId: officer.id, from: officer, text: "/vaitro" });
      await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes("cán bộ công an — Tỉnh Hà Nam"), 15_000);
      const status = await h.dm(tipster, `/tracuu ${code}`);
      expect(status.plainText).toContain(code);
      expect(status.plainText).not.toMatch(/không tìm thấy/i);
      expect(await restored.db.area.count()).toBe(1);
    }, 90_000);
  },
);
