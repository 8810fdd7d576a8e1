/**
 * Issue 4, durability: a tip submitted to a process that stops before forwarding it (and a Redis that
 * loses every job meanwhile) still reaches the officers after a restart, because Postgres holds it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import pino from "pino";
import { startApp } from "../../src/app.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import { createAreas, makeOfficer, RECEIPT, registerGroup, until, WAIT_MS } from "../tips/support.js";
import { testRedisUrl } from "../support/backends.js";

const officer: FakeUserInput = { id: 5_300_000_001, first_name: "Lan", language_code: "vi" };
const resident: FakeUserInput = { id: 6_300_000_001, first_name: "Minh", language_code: "vi" };
const GROUP = -1_001_500_000_020;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await createAreas(h);
  await makeOfficer(h, officer, "phuly.minhkhai");
  await registerGroup(h, { groupId: GROUP, officer, areaCode: "phuly.minhkhai.to5", members: [resident] });
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

async function wipeRedis(): Promise<void> {
  const redis = new Redis(testRedisUrl);
  try {
    const keys = await redis.keys(`${h.config.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

describe("a restart between submission and forwarding", () => {
  it("still forwards the tip and sends the tracking code", async () => {
    // A first tip waits for the privacy notice to be read: it comes while the whole app runs.
    h.fake.sendText({ chatId: resident.id, from: resident, text: "/togiac Xe tải lạ chở hàng ban đêm ở kho cũ" });
    const notice = await h.fake.waitForMessage(
      resident.id,
      (m) => m.buttons.some((b) => b.text.includes("📮")),
      WAIT_MS,
    );
    await h.app.stop();
    // A process that only takes updates: the tip is filed, but no worker forwards it or sends the code.
    const inbound = await startApp(
      { ...h.config, KENG_ROLES: ["inbound"] },
      { logger: pino({ level: "silent" }), skipMigrations: true },
    );
    h.fake.pressButton({
      chatId: resident.id,
      from: resident,
      messageId: notice.messageId,
      data: notice.buttons.find((b) => b.text.includes("📮"))?.callback_data ?? "",
    });
    await until(async () => (await inbound.db.tip.count()) === 1);
    const tip = await inbound.db.tip.findFirstOrThrow();
    await until(async () => (await inbound.db.delivery.count({ where: { key: `tip:${tip.id}:code` } })) === 1);
    await inbound.stop();
    expect(tip.status).toBe("received");
    expect(h.fake.messagesIn(resident.id).filter((m) => m.messageId > notice.messageId)).toHaveLength(0);
    expect(h.fake.messagesIn(officer.id).some((m) => m.plainText.includes(tip.code))).toBe(false);

    await wipeRedis();
    await h.restart();

    const receipt = await h.fake.waitForMessage(resident.id, (m) => RECEIPT.test(m.plainText), WAIT_MS);
    expect(receipt.plainText).toContain(tip.code);
    const card = await h.fake.waitForMessage(
      officer.id,
      (m) => m.plainText.includes(`Tin tố giác ${tip.code}`),
      WAIT_MS,
    );
    expect(card.plainText).toContain("Xe tải lạ chở hàng ban đêm ở kho cũ");
    await expect
      .poll(async () => (await h.app.db.tip.findUnique({ where: { id: tip.id } }))?.status, { timeout: WAIT_MS })
      .toBe("forwarded");
    expect(h.fake.messagesIn(officer.id).filter((m) => m.plainText.includes(`Tin tố giác ${tip.code}`))).toHaveLength(
      1,
    );
  });
});

describe("retention", () => {
  it("destroys the content and seal of tips closed more than TIP_RETENTION_DAYS ago, keeping the counts", async () => {
    const area = await h.app.db.area.findUniqueOrThrow({ where: { code: "phuly.minhkhai.to5" } });
    const closedAt = new Date(Date.now() - (h.config.TIP_RETENTION_DAYS + 1) * 86_400_000);
    const old = await h.app.db.tip.create({
      data: {
        code: "TG-RTN222",
        areaId: area.id,
        handlingAreaId: area.id,
        category: "matuy",
        text: "cũ",
        contact: "0912",
        latitude: 20.5,
        longitude: 105.9,
        status: "closed",
        closedAt,
        caseOpened: true,
        peopleArrested: 2,
        sealedTipster: "k.iv.tag.data",
        tipsterHash: "h",
        sourceKey: "test:retention",
        messages: { create: [{ direction: "from_tipster", text: "thêm", photoFileId: "file-1" }] },
      },
    });
    const recent = await h.app.db.tip.create({
      data: {
        code: "TG-RTN333",
        areaId: area.id,
        handlingAreaId: area.id,
        category: "khac",
        text: "mới",
        status: "closed",
        closedAt: new Date(),
        tipsterHash: "h",
        sealedTipster: "k.iv.tag.data",
        sourceKey: "test:retention:2",
      },
    });
    await h.app.stop();
    await h.restart(); // the reconciler runs on start
    await expect
      .poll(async () => (await h.app.db.tip.findUnique({ where: { id: old.id } }))?.contentDeletedAt ?? null, {
        timeout: WAIT_MS,
      })
      .not.toBeNull();
    const purged = await h.app.db.tip.findUniqueOrThrow({ where: { id: old.id }, include: { messages: true } });
    expect(purged).toMatchObject({
      text: null,
      contact: null,
      latitude: null,
      longitude: null,
      sealedTipster: null,
      caseOpened: true,
      peopleArrested: 2,
    });
    expect(purged.messages.every((m) => m.text === null && m.photoFileId === null)).toBe(true);
    expect(await h.app.db.tip.findUnique({ where: { id: recent.id } })).toMatchObject({
      text: "mới",
      contentDeletedAt: null,
    });
  });
});
