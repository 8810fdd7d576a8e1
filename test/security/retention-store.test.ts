/**
 * The retention store against a real database: what a purged tip takes with it (its deliveries,
 * whatever their state or age, and a register sheet served to Zalo), and what it leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.js";
import { applyRetention } from "../../src/modules/retention/apply-retention.js";
import { PrismaRetentionStore } from "../../src/modules/retention/repo.js";
import { PrismaTipStore } from "../../src/modules/tips/repo.js";
import { createTestDatabase } from "../support/databases.js";

let database: ReturnType<typeof createDatabase>;
let drop: () => Promise<void>;

beforeAll(async () => {
  const created = await createTestDatabase();
  drop = created.drop;
  database = createDatabase(created.url, { poolSize: 2 });
});

afterAll(async () => {
  await database?.close();
  await drop?.();
});

describe("forgetTipDeliveries", () => {
  it("deletes every delivery of the purged tips, pending or sent, and their register sheets, and nothing else", async () => {
    const { db } = database;
    const officerChat = await db.chat.create({
      data: { platform: "telegram", platformChatId: "900", kind: "private" },
    });
    const group = await db.chat.create({ data: { platform: "telegram", platformChatId: "-100900", kind: "group" } });
    const row = (key: string, extra: Record<string, unknown>) => ({
      key,
      priority: 2,
      payload: { locale: "vi", text: { raw: key } },
      ...extra,
    });
    await db.delivery.createMany({
      data: [
        row("tip:7:officer:1:0", {
          chatId: officerChat.id,
          sourceKind: "tipCard",
          sourceId: 7,
          sourceStep: 0,
          status: "pending",
        }),
        row("tip:7:fu:3:1", { chatId: officerChat.id, sourceKind: "tip", sourceId: 7, status: "sent" }),
        row("tip:7:code", { sealedTarget: null, status: "sent" }),
        // A reply to the tipster's /tracuu: keyed by the update, it names the code in its payload.
        {
          key: "tipr:telegram:55:lookup",
          priority: 2,
          payload: { locale: "vi", text: { key: "tips:lookup.status", params: { code: "TG-AAAA22" } } },
          status: "sent",
        },
        // Another tip's, an alert's and a reply in an officer's chat that merely quotes the code stay.
        row("tip:8:officer:1:0", {
          chatId: officerChat.id,
          sourceKind: "tipCard",
          sourceId: 8,
          sourceStep: 0,
          status: "sent",
        }),
        row("alert:3:to:1", { chatId: group.id, sourceKind: "alert", sourceId: 3, status: "sent" }),
        {
          key: "r:telegram:56:1",
          priority: 2,
          chatId: officerChat.id,
          payload: { locale: "vi", text: { raw: "TG-AAAA22" } },
          status: "sent",
        },
      ],
    });
    await db.media.createMany({
      data: [
        {
          id: "sheet-7",
          contentType: "text/plain",
          filename: "phieu-TG-AAAA22.txt",
          bytes: Buffer.from("phiếu"),
          source: "sha256:aa",
          expiresAt: new Date(Date.now() + 3_600_000),
        },
        {
          id: "sheet-8",
          contentType: "text/plain",
          filename: "phieu-TG-BBBB33.txt",
          bytes: Buffer.from("phiếu"),
          source: "sha256:bb",
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      ],
    });

    const deleted = await new PrismaRetentionStore(db).forgetTipDeliveries([{ id: 7, code: "TG-AAAA22" }]);

    expect(deleted).toBe(4);
    const left = (await db.delivery.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((d) => d.key);
    expect(left).toEqual(["alert:3:to:1", "r:telegram:56:1", "tip:8:officer:1:0"]);
    expect((await db.media.findMany({ select: { id: true } })).map((m) => m.id)).toEqual(["sheet-8"]);
  });
});

describe("a student's help request (issue 18)", () => {
  it("is destroyed after HELP_RETENTION_DAYS, with the messages to sealed chats, while a tip closed the same day stays", async () => {
    const { db } = database;
    const now = new Date("2026-12-01T00:00:00Z");
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const school = await db.area.create({ data: { code: "phuly.thcs", name: "Trường THCS", kind: "truonghoc" } });
    const closed = {
      areaId: school.id,
      handlingAreaId: school.id,
      status: "closed" as const,
      closedAt: daysAgo(20),
      sealedTipster: "kid.iv.tag.data",
      tipsterHash: "h",
    };
    await db.tip.create({
      data: {
        ...closed,
        code: "TG-HELP22",
        kind: "help",
        category: "batnat",
        text: "Bạn cùng lớp bắt nạt em",
        sourceKey: "s:help",
      },
    });
    await db.tip.create({
      data: {
        ...closed,
        code: "TG-TIPP22",
        kind: "crime",
        category: "matuy",
        text: "Có người bán ma túy",
        sourceKey: "s:tip",
      },
    });
    const officerChat = await db.chat.create({
      data: { platform: "telegram", platformChatId: "901", kind: "private" },
    });
    const row = (key: string, extra: Record<string, unknown>) => ({
      key,
      priority: 2,
      payload: { locale: "vi", text: { raw: key } },
      status: "sent" as const,
      createdAt: daysAgo(20),
      ...extra,
    });
    // A draft's preview sent to a student (a sealed chat), and a reply in an officer's chat, both 20 days old.
    await db.delivery.createMany({
      data: [row("tipr:telegram:900:step", {}), row("r:telegram:901:1", { chatId: officerChat.id })],
    });

    const report = await applyRetention({
      retention: new PrismaRetentionStore(db),
      tips: new PrismaTipStore(db),
      clock: { now: () => now },
      settings: { tipDays: 90, helpDays: 14, deliveryDays: 30, broadcastDays: 400 },
    });

    expect(report.tips).toBe(1);
    expect(await db.tip.findUniqueOrThrow({ where: { code: "TG-HELP22" } })).toMatchObject({
      text: null,
      sealedTipster: null,
      tipsterHash: null,
    });
    expect(await db.tip.findUniqueOrThrow({ where: { code: "TG-TIPP22" } })).toMatchObject({
      text: "Có người bán ma túy",
      tipsterHash: "h",
    });
    const left = (
      await db.delivery.findMany({
        where: { key: { in: ["tipr:telegram:900:step", "r:telegram:901:1"] } },
        select: { key: true },
      })
    ).map((d) => d.key);
    expect(left).toEqual(["r:telegram:901:1"]);
  });
});
