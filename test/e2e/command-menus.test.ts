/**
 * Issue 15, menus: Telegram's command menus are set when the bot starts (private chats and groups,
 * Vietnamese, English and the default language) and for each role holder's private chat when a role
 * is granted (invite, admin CLI) and removed when revoked; every menu is the command table's. With
 * several inbound processes, one of them sets the menus, and another takes over when it stops.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantRole } from "../../src/admin/role-commands.js";
import { startApp } from "../../src/app.js";
import type { CommandSpec } from "../../src/core/commands.js";
import { FakeTelegramServer } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 9_150_000_001, first_name: "Lan", language_code: "vi" };
const propagandist: FakeUserInput = { id: 9_150_000_002, first_name: "Hùng", language_code: "en" };

let h: Harness;

/** What the table says a menu holds: the commands of that kind of chat for that audience. */
function expectedMenu(
  commands: readonly CommandSpec[],
  where: "private" | "group",
  audiences: readonly string[],
): string[] {
  return commands
    .filter((c) => (c.where === "any" || c.where === where) && audiences.includes(c.audience))
    .map((c) => c.names[0] ?? "");
}

/** Waits until the fake holds what `read` returns (the role sync runs every two seconds). */
async function eventually<T>(read: () => T, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

beforeAll(async () => {
  h = await startHarness();
  for (const u of [SUPERADMIN, officer, propagandist]) h.fake.addPrivateChatUser(u);
  await h.dm(SUPERADMIN, "/themkhuvuc hanoi Thành phố Hà Nội");
  await h.dm(SUPERADMIN, "/themkhuvuc hanoi.p1 Phường 1");
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe("menus for everyone", () => {
  it("are set at start for private chats and groups, in Vietnamese, English and the default language, from the command table", () => {
    const { commands } = h.app;
    for (const [scope, where] of [
      ["all_private_chats", "private"],
      ["all_group_chats", "group"],
    ] as const) {
      const wanted = expectedMenu(commands, where, ["anyone"]);
      for (const language of ["", "vi", "en"]) {
        const menu = h.fake.menu(scope, language);
        expect(menu?.map((c) => c.command).sort(), `${scope} ${language}`).toEqual([...wanted].sort());
        for (const entry of menu ?? []) expect(entry.description.length).toBeGreaterThan(0);
      }
    }
    const described = (language: string, command: string) =>
      h.fake.menu("all_private_chats", language)?.find((c) => c.command === command)?.description;
    // What people want most comes first; descriptions are plain text in the client's language.
    expect(h.fake.menu("all_private_chats", "vi")?.[0]?.command).toBe("start");
    expect(h.fake.menu("all_private_chats", "vi")?.[1]?.command).toBe("togiac");
    expect(described("vi", "theodoi")).toContain("nhận tiếng kẻng");
    expect(described("vi", "theodoi")).toContain("<tên khu vực>");
    expect(described("en", "theodoi")).toMatch(/alerts|gong/i);
    // The default language (clients in neither) is DEFAULT_LOCALE: Vietnamese.
    expect(described("", "theodoi")).toBe(described("vi", "theodoi"));
  });

  it("are checked by the fake as Telegram checks them", async () => {
    const call = async (method: string, body: unknown) => {
      const response = await fetch(`${h.fake.apiRoot}/bot${h.fake.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; description?: string };
    };
    expect(await call("setMyCommands", { commands: [{ command: "Keng", description: "x" }] })).toMatchObject({
      ok: false,
      description: "Bad Request: BOT_COMMAND_INVALID",
    });
    expect(await call("setMyCommands", { commands: [{ command: "keng", description: "" }] })).toMatchObject({
      ok: false,
    });
    expect(
      await call("setMyCommands", { commands: [{ command: "keng", description: "x" }], scope: { type: "everyone" } }),
    ).toMatchObject({ ok: false, description: "Bad Request: wrong BotCommandScope type specified" });
    expect(
      await call("setMyCommands", {
        commands: [{ command: "keng", description: "x" }],
        scope: { type: "chat", chat_id: 424242 },
      }),
    ).toMatchObject({ ok: false, description: "Bad Request: chat not found" });
    expect(
      await call("getMyCommands", { scope: { type: "all_private_chats" }, language_code: "english" }),
    ).toMatchObject({ ok: false });
    expect(await call("deleteMyCommands", { scope: { type: "chat_member" } })).toMatchObject({ ok: false });
  });
});

describe("a role holder's own menu", () => {
  it("is set in their private chat when an invite is redeemed, with their role's commands, and removed when the role is revoked", async () => {
    const invite = await h.dm(SUPERADMIN, "/moi officer hanoi.p1");
    await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
    const menu = await eventually(
      () => h.fake.menu(`chat:${officer.id}`),
      (m) => m !== undefined,
    );
    const wanted = expectedMenu(h.app.commands, "private", [
      "anyone",
      "officer",
      "officer_or_propagandist",
      "role_holder",
    ]);
    expect(menu?.map((c) => c.command).sort()).toEqual([...wanted].sort());
    // The gong first: an officer's most urgent work is one tap away.
    expect(menu?.[1]?.command).toBe("keng");
    expect(menu?.some((c) => c.command === "themkhuvuc")).toBe(false);

    await h.dm(SUPERADMIN, "/thanhvien hanoi.p1");
    await h.dm(SUPERADMIN, "/thuhoi 1");
    expect(
      await eventually(
        () => h.fake.menu(`chat:${officer.id}`),
        (m) => m === undefined,
      ),
    ).toBeUndefined();
  });

  it("is set for a role the admin CLI grants, in the person's language (Vietnamese until they choose)", async () => {
    await h.dm(propagandist, "/start");
    await grantRole(h.app.db, {
      person: { platform: "telegram", platformUserId: String(propagandist.id) },
      role: "propagandist",
      areaCode: "hanoi.p1",
    });
    const menu = await eventually(
      () => h.fake.menu(`chat:${propagandist.id}`),
      (m) => m !== undefined,
    );
    const wanted = expectedMenu(h.app.commands, "private", [
      "anyone",
      "propagandist",
      "officer_or_propagandist",
      "role_holder",
    ]);
    expect(menu?.map((c) => c.command).sort()).toEqual([...wanted].sort());
    expect(menu?.find((c) => c.command === "chiendich")?.description).toMatch(/chiến dịch/);
  });
});

describe("several inbound processes", () => {
  it("set the menus from one of them only, and another takes over when it stops", async () => {
    // A second inbound process on the same database, seen through a fake server of its own (two
    // pollers of one bot would take each other's updates): what it sets shows there.
    const fake2 = new FakeTelegramServer({ botUsername: "KengTestBot" });
    await fake2.start();
    fake2.addPrivateChatUser(propagandist);
    const second = await startApp(
      { ...h.config, TELEGRAM_BOT_TOKEN: fake2.token, TELEGRAM_API_ROOT: fake2.apiRoot, KENG_ROLES: ["inbound"] },
      { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), skipMigrations: true },
    );
    const setCalls = (fake: FakeTelegramServer) => fake.calls.filter((c) => c.method === "setMyCommands").length;
    try {
      // Started beside a process that keeps the menus: it set none.
      expect(fake2.calls.some((c) => c.method === "getMe")).toBe(true);
      expect(setCalls(fake2)).toBe(0);

      // The first process stops: the second sets every menu, the role holders' too.
      await h.app.stop();
      await fake2.waitForCalls("setMyCommands", 7, 20_000);
      for (const scope of ["all_private_chats", "all_group_chats"])
        for (const language of ["", "vi", "en"])
          expect(fake2.menu(scope, language), `${scope} ${language}`).toBeDefined();
      expect(
        await eventually(
          () => fake2.menu(`chat:${propagandist.id}`),
          (m) => m !== undefined,
        ),
      ).toBeDefined();

      // Started again, the first finds the menus kept by the second and sets none.
      const before = setCalls(h.fake);
      await h.restart();
      expect(setCalls(h.fake)).toBe(before);
      await second.stop();
      // The second stops: the first takes over within a tick and sets them all again.
      await h.fake.waitForCalls("setMyCommands", before + 7, 20_000);
      expect(
        await eventually(
          () => h.fake.menu(`chat:${propagandist.id}`),
          (m) => m !== undefined,
        ),
      ).toBeDefined();
    } finally {
      await second.stop().catch(() => undefined);
      await fake2.stop();
    }
  }, 60_000);
});
