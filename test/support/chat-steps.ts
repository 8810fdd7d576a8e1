/** Steps of the end-to-end tests, taken through the bot as people would: areas, roles, groups, presses. */
import { expect } from "vitest";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, type Harness } from "./harness.js";

/** Private chats get ~1 message per 1.3 s from the bot, groups at most 20 a minute: be patient. */
export const WAIT_MS = 25_000;

export function lastId(h: Harness, chatId: number): number {
  return h.fake.lastMessage(chatId)?.messageId ?? 0;
}

/** The first bot message in the chat after `afterId` whose text matches. */
export function nextMatching(
  h: Harness,
  chatId: number,
  afterId: number,
  match: string | RegExp,
  timeoutMs = WAIT_MS,
): Promise<StoredMessage> {
  const test = (m: StoredMessage) =>
    typeof match === "string" ? m.plainText.includes(match) : match.test(m.plainText);
  return h.fake.waitForMessage(chatId, (m) => m.messageId > afterId && test(m), timeoutMs);
}

/** `from` writes `text` in `chatId` (a private chat or a group); resolves with the bot's first later message that matches. */
export async function say(
  h: Harness,
  chatId: number,
  from: FakeUserInput,
  text: string,
  match: string | RegExp,
): Promise<StoredMessage> {
  const after = lastId(h, chatId);
  h.fake.sendText({ chatId, from, text });
  return nextMatching(h, chatId, after, match);
}

/** Presses a button of a bot message and resolves with the toast text. */
export async function pressFor(h: Harness, from: FakeUserInput, message: StoredMessage, data: string): Promise<string> {
  const update = h.fake.pressButton({ chatId: message.chatId, from, messageId: message.messageId, data });
  const answer = await h.fake.waitForCallbackAnswer(update.callback_query?.id ?? "", WAIT_MS);
  return answer.text ?? "";
}

/** Callback data of the button whose label contains `label`. */
export function buttonData(message: StoredMessage, label: string): string {
  const button = message.buttons.find((b) => b.text.includes(label));
  if (!button?.callback_data)
    throw new Error(`no button "${label}" in: ${message.buttons.map((b) => b.text).join(" | ")}`);
  return button.callback_data;
}

/** Creates areas as the superadmin: lines of `<code> <name…>`. */
export async function createAreas(h: Harness, areas: readonly string[]): Promise<void> {
  h.fake.addPrivateChatUser(SUPERADMIN);
  for (const line of areas) await say(h, SUPERADMIN.id, SUPERADMIN, `/themkhuvuc ${line}`, "khu vực");
}

/** Gives `user` a role in an area through an invite, as an admin would. */
export async function grantRole(
  h: Harness,
  user: FakeUserInput,
  role: "officer" | "propagandist" | "admin" | "guard" | "relay" | "counsellor",
  areaCode: string,
): Promise<void> {
  h.fake.addPrivateChatUser(user);
  const invite = await say(h, SUPERADMIN.id, SUPERADMIN, `/moi ${role} ${areaCode}`, "/thamgia");
  const code = /\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1];
  if (!code) throw new Error(invite.plainText);
  await say(h, user.id, user, `/thamgia ${code}`, "vai trò");
}

/** Adds a group and links it to an area (by `admin`, the superadmin unless said, an administrator of the group); the welcome card. */
export async function registerGroup(
  h: Harness,
  groupId: number,
  title: string,
  areaCode: string,
  admin: FakeUserInput = SUPERADMIN,
): Promise<StoredMessage> {
  h.fake.addGroup({ id: groupId, title, type: "supergroup" });
  h.fake.setChatAdmin(groupId, admin.id, true);
  const reply = await say(h, groupId, admin, `/dangky ${areaCode}`, "liên kết");
  expect(reply.plainText).toContain("Nhóm đã được liên kết");
  return reply;
}
