/**
 * `npm start` as a user runs it: a separate process with TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT
 * pointed at a Bot API server answers commands and shuts down cleanly on SIGTERM; a bad variable,
 * a weak key or a production start without a bot token stops start-up with one line naming it.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegramServer } from "../../src/sandbox/fake-telegram/index.js";
import { createTestDatabase } from "../support/databases.js";

const root = new URL("../../", import.meta.url).pathname;
let fake: FakeTelegramServer;
let database: { url: string; drop: () => Promise<void> };

/** `unset`: variables of this environment the process must not inherit. */
function startProcess(env: Record<string, string>, unset: readonly string[] = []) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.includes(name)));
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { ...inherited, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

beforeAll(async () => {
  fake = new FakeTelegramServer({ botUsername: "KengProcessBot" });
  await fake.start();
  database = await createTestDatabase();
});

afterAll(async () => {
  await fake?.stop();
  await database?.drop();
});

describe("npm start", () => {
  it("runs the bot against TELEGRAM_API_ROOT and exits 0 on SIGTERM", async () => {
    const proc = startProcess({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `keng-test-${randomBytes(4).toString("hex")}`,
      PORT: "0",
      TIP_SEAL_KEY: randomBytes(32).toString("base64"),
      ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
    });
    const user = { id: 4242, first_name: "Hà", language_code: "vi" };
    fake.addPrivateChatUser(user);
    fake.sendText({ chatId: user.id, from: user, text: "/start" });
    const reply = await fake.waitForMessage(user.id, undefined, 45_000).catch((error: Error) => {
      throw new Error(`${error.message}\nprocess output:\n${proc.output()}`);
    });
    expect(reply.plainText).toContain("Xin chào");
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
  }, 60_000);

  it("stops with one line naming a bad variable", async () => {
    const proc = startProcess({ TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_MODE: "carrier-pigeon" });
    expect(await proc.exited).toBe(2);
    const lines = proc.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("TELEGRAM_MODE");
  }, 30_000);

  it("with NODE_ENV=production and no bot token, stops with one line instead of running the sandbox", async () => {
    // Unreachable databases: were the sandbox started anyway, it would fail on them with another line and code.
    const proc = startProcess(
      {
        NODE_ENV: "production",
        DATABASE_URL: "postgresql://postgres@127.0.0.1:1/keng",
        REDIS_URL: "redis://127.0.0.1:1",
        PORT: "0",
      },
      ["TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN"],
    );
    expect(await proc.exited).toBe(2);
    const lines = proc.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN is required when NODE_ENV=production");
  }, 30_000);

  it("refuses a weak key with one line saying how to make one", async () => {
    const proc = startProcess({
      TELEGRAM_BOT_TOKEN: "1:x",
      TIP_SEAL_KEY: Buffer.alloc(32).toString("base64"),
      ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
    });
    expect(await proc.exited).toBe(2);
    const lines = proc.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/TIP_SEAL_KEY .*openssl rand -base64 32/);
  }, 30_000);

  it("stops with one line saying what to run when Redis is unreachable", async () => {
    const proc = startProcess({
      TELEGRAM_BOT_TOKEN: "1:x",
      TIP_SEAL_KEY: randomBytes(32).toString("base64"),
      ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
      REDIS_URL: "redis://127.0.0.1:1",
    });
    expect(await proc.exited).toBe(1);
    const lines = proc.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Redis is not reachable.*docker compose up -d postgres redis/);
  }, 30_000);

  it("stops with one line when Telegram rejects the token", async () => {
    const proc = startProcess({
      TELEGRAM_BOT_TOKEN: "999:wrong",
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `keng-test-${randomBytes(4).toString("hex")}`,
      PORT: "0",
      TIP_SEAL_KEY: randomBytes(32).toString("base64"),
      ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
      LOG_LEVEL: "error",
    });
    expect(await proc.exited).toBe(1);
    const output = proc.output();
    expect(output).toContain('"event":"platform_token_rejected"');
    expect(output).toContain("Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized)");
    expect(output).not.toMatch(/\n\s+at /);
  }, 60_000);
});
