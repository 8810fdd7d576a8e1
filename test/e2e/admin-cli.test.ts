/**
 * Issue 10: the admin CLI (`npm run admin -- …`). Its commands are called directly against a fresh
 * database, then the real entry point is spawned to check output and exit codes (0 / 1 / 2).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addArea, formatAreas, listAreas } from "../../src/admin/area-commands.js";
import { formatAudit, readAudit } from "../../src/admin/audit-command.js";
import { resendDeliveries } from "../../src/admin/deliveries-command.js";
import { AdminError, UsageError } from "../../src/admin/errors.js";
import { formatGroups, listGroups } from "../../src/admin/group-commands.js";
import { parseAdminArgs } from "../../src/admin/parse-admin-args.js";
import { grantRole, revokeRoleOf } from "../../src/admin/role-commands.js";
import { loadConfig } from "../../src/config.js";
import { createDatabase, type Db } from "../../src/db/client.js";
import { createTestDatabase } from "../support/databases.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `keng-test-admin-${randomBytes(4).toString("hex")}`;
const TZ = "Asia/Ho_Chi_Minh";
const officer = { platform: "telegram", platformUserId: "555000111" } as const;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let connection: ReturnType<typeof createDatabase>;

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // A bot configuration the CLI does not need (even a broken one) must not stop it.
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      TZ,
      TELEGRAM_BOT_TOKEN: "",
      TELEGRAM_MODE: "webhook",
    };
    const child = spawn(process.execPath, ["--import", "tsx", "src/admin/cli.ts", ...args], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  connection = createDatabase(database.url, { poolSize: 2 });
  db = connection.db;
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.unlink(...keys);
  await redis.quit();
});

describe("admin commands", () => {
  it("creates areas without chat, checking codes and parents", async () => {
    await expect(addArea(db, { code: "ninhbinh.p5", name: "Phường 5" })).rejects.toThrow(AdminError);
    await expect(addArea(db, { code: "ninh_binh", name: "Ninh Bình" })).rejects.toThrow(UsageError);
    await addArea(db, { code: "ninhbinh", name: "Tỉnh Ninh Bình" });
    const ward = await addArea(db, { code: "NINHBINH.p5", name: "Phường  5" });
    expect(ward).toMatchObject({ code: "ninhbinh.p5", name: "Phường 5", kind: "phuong" });
    await expect(addArea(db, { code: "ninhbinh", name: "again" })).rejects.toThrow("already exists");
    // The kind is read from the name, or typed (--kind), and must fit the level.
    await expect(addArea(db, { code: "ninhbinh.p5.to5", name: "Tổ 5", areaKind: "tinh" })).rejects.toThrow(
      "cannot be at this level",
    );
    await expect(addArea(db, { code: "ninhbinh.p5.to5", name: "Tổ 5", areaKind: "hamlet" })).rejects.toThrow(
      "is not a kind of area",
    );
    expect(formatAreas(await listAreas(db))).toEqual([
      "ninhbinh  Tỉnh Ninh Bình (kind: tinh)  — 0 active groups, 0 roles",
      "  ninhbinh.p5  Phường 5 (kind: phuong)  — 0 active groups, 0 roles",
    ]);
  });

  it("grants a role to a person who never wrote to the bot, once", async () => {
    expect(await grantRole(db, { person: officer, role: "officer", areaCode: "ninhbinh.p5" })).toMatchObject({
      alreadyHeld: false,
    });
    expect(await grantRole(db, { person: officer, role: "officer", areaCode: "ninhbinh.p5" })).toMatchObject({
      alreadyHeld: true,
    });
    await expect(grantRole(db, { person: officer, role: "admin", areaCode: "nowhere" })).rejects.toThrow(
      "No area with code nowhere.",
    );
    // A counsellor belongs to a school, as with /moi counsellor.
    await expect(grantRole(db, { person: officer, role: "counsellor", areaCode: "ninhbinh.p5" })).rejects.toThrow(
      "ninhbinh.p5 is not a school",
    );
    const roles = await db.role.findMany({ where: { user: officer, revokedAt: null }, include: { area: true } });
    expect(roles.map((r) => `${r.role}@${r.area.code}`)).toEqual(["officer@ninhbinh.p5"]);
  });

  it("revokes a role and queues a private notice for the person", async () => {
    await revokeRoleOf(
      { db, sql: connection.pool },
      { person: officer, role: "officer", areaCode: "ninhbinh.p5", defaultLocale: "vi" },
    );
    expect(await db.role.count({ where: { user: officer, revokedAt: null } })).toBe(0);
    const notice = await db.delivery.findFirstOrThrow({
      where: { key: { startsWith: "role-revoked:" } },
      include: { chat: true },
    });
    expect(notice).toMatchObject({
      status: "pending",
      chat: { kind: "private", platformChatId: officer.platformUserId },
    });
    expect(JSON.stringify(notice.payload)).toContain("areas:revoke.notice");
    await expect(
      revokeRoleOf(
        { db, sql: connection.pool },
        { person: officer, role: "officer", areaCode: "ninhbinh.p5", defaultLocale: "vi" },
      ),
    ).rejects.toThrow("does not hold the role officer");
  });

  it("lists groups with their area and state", async () => {
    const area = await db.area.findUniqueOrThrow({ where: { code: "ninhbinh.p5" } });
    await db.chat.create({
      data: { platform: "telegram", platformChatId: "-1001", kind: "group", title: "Tổ 5", areaId: area.id },
    });
    await db.chat.create({
      data: {
        platform: "zalo",
        platformChatId: "g-2",
        kind: "group",
        title: "Nhóm cũ",
        active: false,
        inactiveReason: "removed",
      },
    });
    expect(formatGroups(await listGroups(db, {}))).toEqual([
      'telegram:-1001  ninhbinh.p5  active  "Tổ 5"',
      'zalo:g-2  (not registered)  inactive (removed)  "Nhóm cũ"',
    ]);
    expect(await listGroups(db, { areaCode: "ninhbinh" })).toHaveLength(1);
    await expect(listGroups(db, { areaCode: "hanoi" })).rejects.toThrow(AdminError);
  });

  it("reads the audit log by area and period", async () => {
    const now = new Date();
    const all = await readAudit(db, { areaCode: "ninhbinh", timeZone: TZ, now });
    expect(all.map((r) => r.action)).toEqual(["area.create", "area.create", "role.grant", "role.revoke"]);
    expect(formatAudit(all, TZ)[2]).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} {2}ninhbinh\.p5 {2}role\.grant {2}\(cli\/system\) {2}officer {2}\{.*"holder":"telegram:555000111"/,
    );
    expect(await readAudit(db, { areaCode: "ninhbinh.p5", timeZone: TZ, now })).toHaveLength(3);
    expect(
      await readAudit(db, { areaCode: "ninhbinh", since: "2020-01-01", until: "31/12/2020", timeZone: TZ, now }),
    ).toEqual([]);
    await expect(readAudit(db, { since: "2026-02-30", timeZone: TZ, now })).rejects.toThrow(UsageError);
    await expect(readAudit(db, { since: "2026-12-01", until: "2026-11-01", timeZone: TZ, now })).rejects.toThrow(
      "--since must not be after --until",
    );
  });

  it("re-queues pending deliveries, in Redis or, without REDIS_URL, in PostgreSQL", async () => {
    const sql = connection.pool;
    expect(
      await resendDeliveries(
        { db, sql, url: database.url },
        loadConfig({ DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: prefix }),
      ),
    ).toBe(1);
    expect(
      await resendDeliveries(
        { db, sql, url: database.url },
        loadConfig({ DATABASE_URL: database.url, QUEUE_PREFIX: prefix }),
      ),
    ).toBe(1);
  });

  it("parses command lines and refuses bad ones", () => {
    expect(parseAdminArgs(["area", "add", "ninhbinh.p7", "Phường", "7"])).toEqual({
      kind: "area-add",
      code: "ninhbinh.p7",
      name: "Phường 7",
    });
    expect(parseAdminArgs(["area", "add", "ninhbinh.p7.k3", "Khu", "3", "--kind", "todanpho"])).toEqual({
      kind: "area-add",
      code: "ninhbinh.p7.k3",
      name: "Khu 3",
      areaKind: "todanpho",
    });
    expect(parseAdminArgs(["audit", "--area", "ninhbinh", "--since=2026-11-01"])).toEqual({
      kind: "audit",
      areaCode: "ninhbinh",
      since: "2026-11-01",
    });
    expect(parseAdminArgs(["grant", "zalo:8a7f", "canbo", "ninhbinh"])).toEqual({
      kind: "grant",
      input: { person: { platform: "zalo", platformUserId: "8a7f" }, role: "officer", areaCode: "ninhbinh" },
    });
    for (const bad of [
      [],
      ["area"],
      ["area", "list", "x"],
      ["area", "list", "--kind", "xa"],
      ["grant", "1001", "admin", "ninhbinh"],
      ["grant", "telegram:1", "chief", "ninhbinh"],
      ["groups", "--since", "2026-01-01"],
      ["audit", "--frob"],
      ["deliveries"],
    ]) {
      expect(() => parseAdminArgs(bad), bad.join(" ")).toThrow(UsageError);
    }
  });
});

describe("the command line", () => {
  it("prints usage for help (exit 0) and for bad arguments (exit 2, on stderr)", async () => {
    const help = await cli("help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: npm run admin -- <command>");
    const bad = await cli("frobnicate");
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain('Unknown command "frobnicate".');
    expect(bad.stderr).toContain("Usage: npm run admin -- <command>");
  });

  it("runs a command (exit 0) and reports a failure in one line (exit 1)", async () => {
    const granted = await cli("grant", "telegram:777", "admin", "ninhbinh");
    expect(granted).toMatchObject({ code: 0, stdout: "Granted admin of ninhbinh to telegram:777.\n", stderr: "" });
    const failed = await cli("grant", "telegram:777", "admin", "nowhere");
    expect(failed).toMatchObject({ code: 1, stdout: "", stderr: "No area with code nowhere.\n" });
    const audit = await cli("audit", "--area", "ninhbinh");
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('ninhbinh  role.grant  (cli/system)  admin  {"via":"cli","holder":"telegram:777"}');
  }, 90_000);
});
