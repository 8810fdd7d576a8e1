/**
 * Issue 18 §1, durability and retention of residents' alarms: an unanswered alarm whose delayed
 * escalation job was lost (the process stopped, Redis flushed) still climbs to the officer above,
 * once, by the scheduler's reconciler; after the retention period the caller's words and who the
 * caller was are gone from the alarm and its audit entry, and its buttons expire.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { testRedisUrl } from "../support/backends.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 8_200_000_001, first_name: "Cán bộ Lan", language_code: "vi" };
const cityOfficer: FakeUserInput = { id: 8_200_000_002, first_name: "Cán bộ Tỉnh", language_code: "vi" };
const resident: FakeUserInput = { id: 8_200_000_003, first_name: "Minh", language_code: "vi" };
const G5 = -200501;
const WAIT_MS = 30_000;

let h: Harness;

async function join(user: FakeUserInput, role: string, area: string): Promise<void> {
  const invite = await h.dm(SUPERADMIN, `/moi ${role} ${area}`);
  const code = /\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? "";
  expect((await h.dm(user, `/thamgia ${code}`)).plainText).toContain("Bạn đã nhận vai trò");
}

async function press(user: FakeUserInput, message: StoredMessage, data: string): Promise<string> {
  const update = h.fake.pressButton({ chatId: message.chatId, from: user, messageId: message.messageId, data });
  return (await h.fake.waitForCallbackAnswer(update.callback_query?.id ?? "")).text ?? "";
}

async function wipeRedis(): Promise<void> {
  const redis = new Redis(testRedisUrl);
  try {
    const keys = await redis.keys(`${h.config.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

const escalationsOf = (id: string) =>
  h.fake.messagesIn(cityOfficer.id).filter((m) => m.plainText.includes(`BÁO ĐỘNG ${id}`));

beforeAll(async () => {
  // Escalation after 6 s; the reconciler every second.
  h = await startHarness({ backend: "redis", env: { ALARM_ESCALATE_MINUTES: "0.1", KENG_RECONCILE_SECONDS: "1" } });
  for (const u of [SUPERADMIN, officer, cityOfficer, resident]) h.fake.addPrivateChatUser(u);
  for (const line of ["phuly Thành phố Phủ Lý", "phuly.minhkhai Phường Minh Khai", "phuly.minhkhai.to5 Tổ dân phố 5"])
    await h.dm(SUPERADMIN, `/themkhuvuc ${line}`);
  await join(officer, "officer", "phuly.minhkhai");
  await join(cityOfficer, "officer", "phuly");
  h.fake.addGroup({ id: G5, title: "Tổ 5 — ngõ 12", type: "supergroup" });
  h.fake.setChatAdmin(G5, officer.id, true);
  expect((await h.inGroup(G5, officer, "/dangky phuly.minhkhai.to5")).plainText).toContain("Nhóm đã được liên kết");
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("a lost escalation job", () => {
  it("is made up for by the reconciler: the officer above hears the unanswered alarm, once", async () => {
    const prompt = await h.inGroup(G5, resident, "/baodong Có người trèo tường nhà số 9");
    await press(resident, prompt, prompt.buttons.find((b) => b.text === "🥷 Trộm, cướp")?.callback_data ?? "");
    await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes("BÁO ĐỘNG B1"));
    // The process stops before the escalation is due, and Redis loses the delayed job meanwhile.
    await h.app.stop();
    await wipeRedis();
    await h.restart();
    const escalated = await h.fake.waitForMessage(cityOfficer.id, (m) => m.plainText.includes("BÁO ĐỘNG B1"), WAIT_MS);
    expect(escalated.plainText).toContain("Chưa ai nhận báo động này ở Tổ dân phố 5 sau vài phút");
    expect(escalated.plainText).toContain("Có người trèo tường nhà số 9");
    // Several reconciler runs later (one a second), still once.
    await expect
      .poll(async () => h.app.db.auditLog.count({ where: { action: "alarm.escalate", subject: "B1" } }), {
        timeout: WAIT_MS,
      })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await h.app.db.auditLog.count({ where: { action: "alarm.escalate", subject: "B1" } })).toBe(1);
    expect(escalationsOf("B1")).toHaveLength(1);
  }, 60_000);
});

describe("retention", () => {
  it("forgets the caller's words and the caller after DELIVERY_RETENTION_DAYS, keeping the counts", async () => {
    const copy = await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes("BÁO ĐỘNG B1"));
    expect(await press(officer, copy, "bd:g:1")).toContain("Đã báo cho 1 nhóm");
    const raise = await h.app.db.auditLog.findFirstOrThrow({ where: { action: "alarm.raise", subject: "B1" } });
    expect(JSON.stringify(raise.details)).toContain("trèo tường");
    const days = Math.min(h.config.DELIVERY_RETENTION_DAYS, h.config.TIP_RETENTION_DAYS);
    await h.app.db.alarm.update({
      where: { id: 1 },
      data: { createdAt: new Date(Date.now() - (days + 1) * 86_400_000) },
    });
    await h.app.stop();
    await h.restart(); // the retention sweep runs on start
    await expect
      .poll(async () => (await h.app.db.alarm.findUniqueOrThrow({ where: { id: 1 } })).callerUserId, {
        timeout: WAIT_MS,
      })
      .toBeNull();
    const alarm = await h.app.db.alarm.findUniqueOrThrow({ where: { id: 1 } });
    expect(alarm).toMatchObject({ text: null, state: "answered", category: "theft" });
    expect(alarm.firstResponseAt).not.toBeNull();
    const audit = await h.app.db.auditLog.findFirstOrThrow({ where: { action: "alarm.raise", subject: "B1" } });
    expect(JSON.stringify(audit.details)).not.toContain("trèo tường");
    expect(audit.actorUserId).toBe(raise.actorUserId);
    // The old copy's buttons answer that they expired; the statistics still count the alarm.
    expect(await press(officer, copy, "bd:f:1")).toBe("Nút này không còn dùng được.");
    expect((await h.dm(officer, "/thongke phuly.minhkhai")).plainText).toContain(
      "🚨 Người dân báo động: 1 · được xác nhận 1",
    );
  }, 60_000);
});
