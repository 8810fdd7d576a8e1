/**
 * Issue 16, `npm start` on a machine with only Node: with DATABASE_URL unset the app runs its own
 * PostgreSQL with the data in KENG_DATA_DIR, and with REDIS_URL unset its queues and limits live there. Here the sandbox (no bot token) runs as a separate
 * process: the first scenario of the README plays over HTTP, stopping the app stops PostgreSQL, the
 * next start finds the alert again, and a run killed with SIGKILL does not keep the next one from
 * starting on the same data.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findDataDirHolder, stopOrphan } from "../../src/db/embedded-postgres-lock.js";
import { GROUP_TO1, OFFICER_ID } from "../../src/sandbox/personas.js";
import type { MessageView } from "../../src/sandbox/transcript.js";
import { spawnApp, type ChildApp } from "../support/child-app.js";
import { EventStream } from "./sandbox-events.js";

const MAI = 70_101;
const ALERT = "/keng cao Phát hiện đối tượng trộm xe máy ở ngõ 12";
const dataDir = mkdtempSync(join(tmpdir(), "keng-data-"));
// Run as root, PostgreSQL runs as the user `postgres`, which must enter the directory (mkdtemp makes it 700).
chmodSync(dataDir, 0o711);
const prefix = `keng-test-${randomBytes(5).toString("hex")}`;
const running: ChildApp[] = [];

interface Started {
  readonly app: ChildApp;
  readonly baseUrl: string;
  /** The embedded PostgreSQL's port, from the line that says where the data is. */
  readonly postgresPort: number;
}

/** `npm start` without DATABASE_URL or a bot token, with its data in `dataDir`; resolves once it prints its address. */
async function startApp(): Promise<Started> {
  const app = spawnApp(
    { KENG_DATA_DIR: dataDir, PORT: "0", QUEUE_PREFIX: prefix },
    { unset: ["DATABASE_URL", "REDIS_URL", "TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "NODE_ENV"] },
  );
  running.push(app);
  const data = await waitForLine(app, /Data: (\S+) \(KENG_DATA_DIR\), embedded PostgreSQL on 127\.0\.0\.1:(\d+);/);
  expect(data[1]).toBe(dataDir);
  const address = /Kẻng sandbox: (http:\/\/127\.0\.0\.1:\d+)\//.exec(app.output());
  return { app, baseUrl: address?.[1] ?? "", postgresPort: Number(data[2]) };
}

/** Waits (up to 90 s: the first start creates the cluster and migrates) for a line of the app's output. */
async function waitForLine(app: ChildApp, pattern: RegExp): Promise<RegExpExecArray> {
  let exited = false;
  void app.exited.then(() => (exited = true));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const match = pattern.exec(app.output());
    if (match) return match;
    if (exited || Date.now() > deadline) throw new Error(`no line matching ${pattern}; the app said:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopApp(app: ChildApp): Promise<number | null> {
  app.child.kill("SIGTERM");
  return app.exited;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function post(baseUrl: string, path: string, body: unknown): Promise<number> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.status;
}

afterAll(async () => {
  for (const app of running) app.child.kill("SIGKILL");
  await Promise.all(running.map((app) => app.exited));
  // The SIGKILLed run's PostgreSQL, if a test failed before the next start stopped it.
  const holder = findDataDirHolder(dataDir);
  if (holder.kind === "running") await stopOrphan(holder.pid);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start without DATABASE_URL or REDIS_URL", () => {
  it("runs the sandbox on an embedded PostgreSQL: the officer strikes the gong, a resident acknowledges it", async () => {
    const { app, baseUrl, postgresPort } = await startApp();
    const events = await EventStream.open(`${baseUrl}/sandbox/api/events`);
    try {
      expect(await post(baseUrl, "/sandbox/api/send", { persona: OFFICER_ID, chat: OFFICER_ID, text: ALERT })).toBe(
        200,
      );
      const alert = await events.waitFor(
        (e) =>
          e.type === "message" &&
          e.message.chatId === GROUP_TO1 &&
          /TIẾNG KẺNG AN NINH[\s\S]*ngõ 12/.test(e.message.text),
        30_000,
      );
      const message: MessageView | undefined = alert.type === "message" ? alert.message : undefined;
      const ack = message?.keyboard.flat().find((button) => button.text.includes("Đã nhận"));
      expect(
        await post(baseUrl, "/sandbox/api/press", {
          persona: MAI,
          chat: GROUP_TO1,
          message: message?.id,
          data: ack?.data,
        }),
      ).toBe(200);
      const answer = await events.waitFor((e) => e.type === "answer" && e.personaId === MAI);
      expect(answer.type === "answer" && answer.text).toContain("Cảm ơn");
    } finally {
      events.close();
    }

    expect(await stopApp(app)).toBe(0);
    expect(await portIsOpen(postgresPort)).toBe(false);
    expect(existsSync(join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
  }, 150_000);

  it("starts again on the same data, also after a run that was killed", async () => {
    const second = await startApp();
    // The alert is read back from the database (the chat history of the local Telegram server is not kept).
    expect(await (await fetch(`${second.baseUrl}/cap/alerts.xml`)).text()).toContain("ngõ 12");
    second.app.child.kill("SIGKILL");
    await second.app.exited;
    expect(await portIsOpen(second.postgresPort)).toBe(true); // its PostgreSQL outlives it

    const third = await startApp();
    expect(third.app.output()).toContain("stopping the embedded PostgreSQL that a killed run left running");
    expect(await portIsOpen(second.postgresPort)).toBe(false);
    expect(await (await fetch(`${third.baseUrl}/cap/alerts.xml`)).text()).toContain("ngõ 12");
    expect(await stopApp(third.app)).toBe(0);
    expect(await portIsOpen(third.postgresPort)).toBe(false);
  }, 150_000);
});
