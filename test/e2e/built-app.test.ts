/**
 * The compiled app — what the Docker image runs (`npm run build`, then `node dist/src/main.js`) —
 * works like `npm start`: it creates and migrates an empty database with the Prisma CLI, reads its
 * locales and question bank from beside the JavaScript, answers in Vietnamese and strikes the gong.
 * It runs with REDIS_URL unset, so BullMQ's own tables are created in that empty database too.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { FakeTelegramServer } from "../../src/sandbox/fake-telegram/index.js";
import { spawnApp, type ChildApp } from "../support/child-app.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = join(root, "test/artifacts", `build-${randomBytes(4).toString("hex")}`);
const officer = { id: 9_300_000_001, first_name: "Thu", language_code: "vi" };
const GROUP = -9_300_001;

let fake: FakeTelegramServer;
let app: ChildApp | undefined;
let db: Db | undefined;
const databaseName = `keng_built_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  const url = new URL(inject("postgresAdminUrl"));
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("postgresAdminUrl") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", out], { cwd: root, stdio: "pipe" });
  execFileSync(process.execPath, [join(out, "src/cli/copy-build-assets.js")], { cwd: root, stdio: "pipe" });
  fake = new FakeTelegramServer({ botUsername: "KengBuiltBot" });
  await fake.start();
  fake.addPrivateChatUser(officer);
  fake.addGroup({ id: GROUP, title: "Tổ dân phố 3" });
}, 120_000);

afterAll(async () => {
  app?.child.kill("SIGKILL");
  await app?.exited;
  await db?.$disconnect();
  await fake?.stop();
  await admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  rmSync(out, { recursive: true, force: true });
});

describe("the compiled app", () => {
  it("migrates an empty database, answers in Vietnamese and strikes the gong", async () => {
    app = spawnApp(
      {
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: databaseUrl,
        // Empty: unset even if the test run has REDIS_URL (the process inherits the environment).
        REDIS_URL: "",
        QUEUE_PREFIX: `keng-test-${randomBytes(4).toString("hex")}`,
        PORT: "0",
        TIP_SEAL_KEY: randomBytes(32).toString("base64"),
        ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
        SUPERADMINS: `telegram:${officer.id}`,
      },
      { entry: join(out, "src/main.js") },
    );
    await fake.waitForCalls("deleteWebhook", 1, 90_000).catch((error: unknown) => {
      throw new Error(`the compiled app did not start: ${String(error)}\n${app?.output() ?? ""}`);
    });

    // Migrated by the Prisma CLI, with the question bank read from beside the JavaScript.
    db = createDb(databaseUrl);
    expect(await db.quizQuestion.count()).toBeGreaterThan(0);

    fake.sendText({ chatId: officer.id, from: officer, text: "/trogiup" });
    const help = await fake.waitForMessage(officer.id, (m) => m.plainText.includes("/keng"), 20_000);
    expect(help.plainText).toContain("Kẻng giúp bạn");

    const before = fake.lastMessage(officer.id)?.messageId ?? 0;
    fake.sendText({ chatId: officer.id, from: officer, text: "/themkhuvuc phuly Thành phố Phủ Lý" });
    await fake.waitForMessage(officer.id, (m) => m.messageId > before, 20_000);
    const area = await db.area.findUniqueOrThrow({ where: { code: "phuly" } });
    const user = await db.user.findFirstOrThrow({ where: { platformUserId: String(officer.id) } });
    await db.role.create({ data: { userId: user.id, areaId: area.id, role: "officer" } });
    await db.chat.create({
      data: {
        platform: "telegram",
        platformChatId: String(GROUP),
        kind: "group",
        title: "Tổ dân phố 3",
        areaId: area.id,
      },
    });

    fake.sendText({ chatId: officer.id, from: officer, text: "/keng khan Cháy tại chợ Bầu, bà con tránh khu vực" });
    const alert = await fake.waitForMessage(GROUP, (m) => m.plainText.includes("TIẾNG KẺNG AN NINH"), 20_000);
    expect(alert.plainText).toContain("Cháy tại chợ Bầu");
    expect(alert.buttons.map((b) => b.text)).toContain("✅ Đã nhận");
  }, 150_000);
});
