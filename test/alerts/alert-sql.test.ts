/** The press path's plain-SQL alert reads give what the store's Prisma writes recorded, and acknowledge once per person. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.js";
import { PrismaAlertStore } from "../../src/modules/alerts/repo.js";
import { createTestDatabase } from "../support/databases.js";

let database: { url: string; drop: () => Promise<void> };
let connection: ReturnType<typeof createDatabase>;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = createDatabase(database.url, { poolSize: 4 });
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

describe("alert store on plain SQL", () => {
  it("reads an alert exactly as it was created, ended or not, and acknowledges once per person", async () => {
    const { db, pool } = connection;
    const province = await db.area.create({ data: { code: "ninhbinh", name: "Tỉnh Ninh Bình", kind: "tinh" } });
    const area = await db.area.create({
      data: {
        code: "ninhbinh.p5",
        name: "Phường 5",
        kind: "phuong",
        parentId: province.id,
        unitName: "Công an phường 5",
      },
    });
    const user = await db.user.create({ data: { platform: "telegram", platformUserId: "5" } });
    const chat = await db.chat.create({
      data: { platform: "telegram", platformChatId: "-5", kind: "group", areaId: area.id },
    });
    const store = new PrismaAlertStore(db, pool);
    const { alert } = await store.create({
      areaId: area.id,
      senderUserId: user.id,
      level: "khan",
      text: "Trộm xe",
      expiresAt: new Date("2026-12-01T10:30:00.123Z"),
      sourceKey: "t:1",
      progressChatId: chat.id,
    });
    expect(await store.find(alert.id)).toEqual(alert);
    await store.end({
      alertId: alert.id,
      state: "resolved",
      byUserId: user.id,
      closureText: "Đã bắt",
      at: new Date("2026-12-01T09:00:00.456Z"),
    });
    const ended = await store.find(alert.id);
    expect(ended).toEqual({ ...alert, state: "resolved", closureText: "Đã bắt", endedAt: ended?.endedAt });
    expect(ended).toMatchObject({
      state: "resolved",
      closureText: "Đã bắt",
      areaCode: "ninhbinh.p5",
      unitName: "Công an phường 5",
      areaKind: "phuong",
    });
    expect(ended?.parentArea).toEqual({ name: "Tỉnh Ninh Bình", kind: "tinh", unitName: null });
    expect(ended?.endedAt?.toISOString()).toBe("2026-12-01T09:00:00.456Z");
    expect(await store.find(alert.id + 1)).toBeNull();

    expect(await store.acknowledge({ alertId: alert.id, userId: user.id, chatId: chat.id })).toBe(true);
    expect(await store.acknowledge({ alertId: alert.id, userId: user.id, chatId: chat.id })).toBe(false);
    expect(await db.alertAck.count()).toBe(1);
  });
});
