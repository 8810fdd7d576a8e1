/**
 * The inbound hot path's one-statement identity resolution against real Postgres: it creates,
 * refreshes and reads users and chats as the store's Prisma upserts do, records a person
 * seen in a registered group, writes nothing when nothing changed, and survives a burst of first
 * updates from the same new person and group.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Db } from "../../src/db/client.js";
import { PrismaIdentityStore } from "../../src/modules/identity/repo.js";
import { createTestDatabase } from "../support/databases.js";

let database: { url: string; drop: () => Promise<void> };
let connection: ReturnType<typeof createDatabase>;
let db: Db;
let fast: PrismaIdentityStore;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = createDatabase(database.url, { poolSize: 12 });
  db = connection.db;
  fast = new PrismaIdentityStore(db, connection.pool);
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

const person = (id: string, extra: { displayName?: string; username?: string; languageCode?: string } = {}) => ({
  platform: "telegram" as const,
  userId: id,
  ...extra,
});
const group = (id: string, title?: string) => ({
  platform: "telegram" as const,
  chatId: id,
  kind: "group" as const,
  ...(title ? { title } : {}),
});

describe("resolveActors", () => {
  it("gives the same records as the store's Prisma upserts", async () => {
    const viaSql = await fast.resolveActors(
      person("11", { displayName: "Lan", languageCode: "vi-VN" }),
      group("-11", "Tổ 1"),
    );
    const user = await fast.upsertUser(person("11", { displayName: "Lan" }));
    const chat = await fast.upsertChat(group("-11", "Tổ 1"));
    expect(viaSql.user).toEqual(user);
    expect(viaSql.chat).toEqual(chat);
    expect(viaSql.user.locale).toBe("vi");
    // Vietnamese first: an app in English decides nothing, the person hears DEFAULT_LOCALE until they choose.
    expect((await fast.resolveActors(person("13", { languageCode: "en" }), group("-11"))).user.locale).toBeNull();
    expect(viaSql.chat).toMatchObject({ kind: "group", title: "Tổ 1", areaId: null, active: true, locale: null });
  });

  it("refreshes a changed name and title, keeps a title an update leaves out, and keeps the chosen locale", async () => {
    await fast.resolveActors(person("12", { displayName: "Cũ" }), group("-12", "Tên cũ"));
    await fast.setUserLocale((await fast.upsertUser(person("12", { displayName: "Cũ" }))).id, "en");
    const renamed = await fast.resolveActors(
      person("12", { displayName: "Mới", username: "moi", languageCode: "vi" }),
      group("-12", "Tên mới"),
    );
    expect(renamed.user).toMatchObject({ displayName: "Mới", locale: "en" });
    expect(renamed.chat.title).toBe("Tên mới");
    const untitled = await fast.resolveActors(person("12", { displayName: "Mới", username: "moi" }), group("-12"));
    expect(untitled.chat.title).toBe("Tên mới");
    expect((await db.user.findFirstOrThrow({ where: { platformUserId: "12" } })).username).toBe("moi");
  });

  it("records a person seen in a registered group only, and writes nothing on a repeat", async () => {
    const area = await db.area.create({ data: { code: "seen", name: "Phường Thấy" } });
    await fast.resolveActors(person("13"), group("-13", "Tổ 13"));
    expect(await db.chatMember.count()).toBe(0);
    await db.chat.update({
      where: { platform_platformChatId: { platform: "telegram", platformChatId: "-13" } },
      data: { areaId: area.id },
    });
    const { user, chat } = await fast.resolveActors(person("13"), group("-13", "Tổ 13"));
    expect(chat.areaId).toBe(area.id);
    expect(await db.chatMember.findMany({ select: { userId: true, chatId: true } })).toEqual([
      { userId: user.id, chatId: chat.id },
    ]);

    const [before] = await db.$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM "User" WHERE "id" = ${user.id}`;
    await fast.resolveActors(person("13"), group("-13", "Tổ 13"));
    const [after] = await db.$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM "User" WHERE "id" = ${user.id}`;
    expect(after?.xmin).toBe(before?.xmin);
  });

  it("gives twenty simultaneous first updates of a new person in a new group one user and one chat", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        fast.resolveActors(person("14", { displayName: "Mới đến" }), group("-14", "Tổ 14")),
      ),
    );
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.chat.id)).size).toBe(1);
    expect(await db.user.count({ where: { platformUserId: "14" } })).toBe(1);
  });

  it("makes a chat marked inactive active again when it writes, unless told otherwise", async () => {
    const { chat } = await fast.resolveActors(person("15"), group("-15", "Tổ 15"));
    await db.chat.update({
      where: { id: chat.id },
      data: { active: false, inactiveReason: "Forbidden: bot was blocked by the user" },
    });
    expect((await fast.resolveActors(person("15"), group("-15"), { reactivate: false })).chat.active).toBe(false);
    expect((await fast.resolveActors(person("15"), group("-15"))).chat.active).toBe(true);
    expect(await db.chat.findUniqueOrThrow({ where: { id: chat.id } })).toMatchObject({
      active: true,
      inactiveReason: null,
      title: "Tổ 15",
    });
  });
});
