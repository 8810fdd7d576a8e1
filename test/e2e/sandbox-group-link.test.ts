/**
 * Issue 15 in the sandbox's JSON API: a `?startgroup=reg_<code>` link opened by a persona, who picks
 * one of their groups, reaches the bot as Telegram sends it (`/start@bot reg_<code>` in that group).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GROUP_TO2, OFFICER_ID } from "../../src/sandbox/personas.js";
import { botMessageIn, EventStream } from "./sandbox-events.js";
import { createTestSandbox, type TestSandbox } from "./sandbox-support.js";

const RESIDENT_IN_TO1_ONLY = 70_101;

let sandbox: TestSandbox;
let events: EventStream;

async function post(path: string, body: unknown) {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { message?: { text: string }; error?: string } };
}

beforeAll(async () => {
  sandbox = await createTestSandbox();
  await sandbox.start();
  events = await EventStream.open(`${sandbox.baseUrl}/sandbox/api/events`);
}, 90_000);

afterAll(async () => {
  events?.close();
  await sandbox?.destroy();
});

describe("a registration link in the sandbox", () => {
  it("sends /start reg_<code> in the group the persona picked, and the bot answers there", async () => {
    await post("/sandbox/api/send", { persona: OFFICER_ID, chat: OFFICER_ID, text: "/dangky ninhbinh.p5.to2" });
    const linkEvent = await events.waitFor(botMessageIn(OFFICER_ID, /startgroup=reg_/));
    if (linkEvent.type !== "message") throw new Error("not a message");
    const payload = /startgroup=(reg_[A-Za-z0-9]+)/.exec(linkEvent.message.text)?.[1] ?? "";

    const started = await post("/sandbox/api/startgroup", { persona: OFFICER_ID, chat: GROUP_TO2, payload });
    expect(started.status).toBe(200);
    expect(started.body.message?.text).toMatch(new RegExp(`^/start@\\w+ ${payload}$`));
    await events.waitFor(botMessageIn(GROUP_TO2, /Nhóm đã được liên kết/));

    // A persona can only pick a group they are in, and the payload must be a valid start parameter.
    expect(
      (await post("/sandbox/api/startgroup", { persona: RESIDENT_IN_TO1_ONLY, chat: GROUP_TO2, payload })).status,
    ).toBeGreaterThanOrEqual(400);
    expect(
      (await post("/sandbox/api/startgroup", { persona: OFFICER_ID, chat: GROUP_TO2, payload: "reg_a.b" })).status,
    ).toBe(400);
  });
});
