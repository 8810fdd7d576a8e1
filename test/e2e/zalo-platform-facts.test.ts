/**
 * Issue 17, Zalo as it really behaves (ZALO.md) and chats that come back: a 403 is Zalo's "Internal
 * server error" (retried, the chat kept); a chat marked inactive that writes again is answered again,
 * on Zalo and on Telegram; a group mentions the bot by its display name, spaces and all; a bot
 * whose getMe says `can_join_groups: false` is named in the log and in /baocao.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { capturedLogger } from "../support/captured-log.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const tgPerson: FakeUserInput = { id: 8_770_000_001, first_name: "Hạnh", language_code: "vi" };
const zaloOfficer = { id: "5107000000000000001", displayName: "Cán bộ Hòa" };
const zaloPerson = { id: "5107000000000000002", displayName: "Chị Mai" };
const zaloOther = { id: "5107000000000000003", displayName: "Anh Tuấn" };
const ZALO_GROUP = "g-1717171717";

function zaloOf(h: Harness) {
  if (!h.zalo) throw new Error("zalo fake not started");
  return h.zalo;
}

/** A Zalo text; resolves with the bot's next message in that chat. */
function zaloSay(
  h: Harness,
  chatId: string,
  from: { id: string; displayName: string },
  text: string,
  extra: { chatType?: "PRIVATE" | "GROUP"; mentionBot?: string } = {},
) {
  const zalo = zaloOf(h);
  const seen = new Set(zalo.messagesIn(chatId).map((m) => m.messageId));
  zalo.sendText({
    chatId,
    chatType: extra.chatType ?? "PRIVATE",
    from,
    text,
    ...(extra.mentionBot ? { mentionBot: extra.mentionBot } : {}),
  });
  return zalo.waitForMessage(chatId, (m) => !seen.has(m.messageId), 20_000);
}

const chatRow = (h: Harness, platform: "telegram" | "zalo", chatId: string) =>
  h.app.db.chat.findUniqueOrThrow({ where: { platform_platformChatId: { platform, platformChatId: chatId } } });

describe("a bot that can join groups", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ zalo: true });
    for (const u of [SUPERADMIN, tgPerson]) h.fake.addPrivateChatUser(u);
    for (const u of [zaloOfficer, zaloPerson, zaloOther]) zaloOf(h).addUser(u);
    zaloOf(h).addGroup({ id: ZALO_GROUP, title: "Tổ 17 Zalo" });
    await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
    await h.dm(SUPERADMIN, "/themkhuvuc hanam.lamha Phường Lam Hạ");
    const invite = await h.dm(SUPERADMIN, "/moi officer hanam.lamha");
    const code = /\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? "";
    expect((await zaloSay(h, zaloOfficer.id, zaloOfficer, `/thamgia ${code}`)).plainText).toContain(
      "Bạn đã nhận vai trò cán bộ công an",
    );
  }, 90_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('retries a send Zalo answers with 403 "Internal server error" and keeps the chat', async () => {
    zaloOf(h).failNext(
      { method: "sendMessage", chatId: zaloPerson.id },
      { errorCode: 403, description: "Internal server error" },
    );
    const welcome = await zaloSay(h, zaloPerson.id, zaloPerson, "/start");
    expect(welcome.plainText).toContain("Xin chào");
    expect(zaloOf(h).calls.filter((c) => c.method === "sendMessage" && c.errorCode === 403)).toHaveLength(1);
    expect((await chatRow(h, "zalo", zaloPerson.id)).active).toBe(true);
  });

  it("answers a Zalo chat marked inactive again once it writes", async () => {
    await zaloSay(h, zaloOther.id, zaloOther, "/start");
    await h.app.db.chat.update({
      where: { id: (await chatRow(h, "zalo", zaloOther.id)).id },
      data: { active: false, inactiveReason: "Bad Request: user blocked the bot" },
    });
    expect((await zaloSay(h, zaloOther.id, zaloOther, "/start")).plainText).toContain("Xin chào");
    expect(await chatRow(h, "zalo", zaloOther.id)).toMatchObject({ active: true, inactiveReason: null });
  });

  it("answers a Telegram private chat again after a 403, once the person writes /start", async () => {
    h.fake.failNext(
      { method: "sendMessage", chatId: tgPerson.id },
      { errorCode: 403, description: "Forbidden: bot was blocked by the user" },
    );
    h.fake.sendText({ chatId: tgPerson.id, from: tgPerson, text: "/start" });
    await expect
      .poll(
        async () =>
          (await h.app.db.chat.findFirst({ where: { platform: "telegram", platformChatId: String(tgPerson.id) } }))
            ?.active,
        { timeout: 15_000 },
      )
      .toBe(false);
    // The person unblocked the bot and writes again: they must hear it.
    expect((await h.dm(tgPerson, "/start")).plainText).toContain("Xin chào");
    expect((await chatRow(h, "telegram", String(tgPerson.id))).active).toBe(true);
  });

  it("takes a group command after the bot's display name, spaces and all, even a name it no longer has", async () => {
    // ZALO.md: people pick the display name, which starts with "Bot " ("@Bot Kẻng Phường 5 /dangky …").
    const registered = await zaloSay(h, ZALO_GROUP, zaloOfficer, "/dangky hanam.lamha", {
      chatType: "GROUP",
      mentionBot: "Bot Kẻng Phường 5",
    });
    expect(registered.plainText).toContain("Nhóm đã được liên kết với Phường Lam Hạ");
    expect(zaloOf(h).calls.some((c) => c.method === "sendMessage" && String(c.params.text).includes("@Bot"))).toBe(
      false,
    );
  });
});

describe("a bot that cannot join groups", () => {
  let h: Harness;
  const { logger, lines: logLines } = capturedLogger();

  beforeAll(async () => {
    h = await startHarness({ zalo: true, zaloOptions: { canJoinGroups: false }, logger });
    h.fake.addPrivateChatUser(SUPERADMIN);
    await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
  }, 90_000);

  afterAll(async () => {
    await h?.stop();
  });

  it("says so in the log at start and in /baocao", async () => {
    expect(logLines.filter((line) => line.includes("zalo_groups_unavailable"))).toHaveLength(1);
    const report = await h.dm(SUPERADMIN, "/baocao hanam");
    expect(report.plainText).toContain("Zalo cho biết bot này chưa vào được nhóm (can_join_groups = false)");
  });
});
