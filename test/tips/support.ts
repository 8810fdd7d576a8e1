/** Helpers for the tips end-to-end tests: set up areas and officers through the bot, talk, press buttons. */
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { buttonData, lastId, nextMatching } from "../support/chat-steps.js";
import { SUPERADMIN, type Harness } from "../support/harness.js";

export { buttonData, lastId, nextMatching };

/** Private chats get ~1 message per 1.3 s from the bot: conversations take a few seconds. */
export const WAIT_MS = 20_000;

export const TIP_CODE = /TG-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}/;

/** The tracking-code receipt (other tip messages carry the code too). */
export const RECEIPT = /đã nhận tin tố giác[\s\S]*TG-/;

/** Polls until `check` holds (usable in hooks, where expect.poll is not). */
export async function until(check: () => Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A user writes in a private chat; resolves with the bot's first later message that matches. */
export async function say(
  h: Harness,
  user: FakeUserInput,
  text: string,
  match: string | RegExp,
): Promise<StoredMessage> {
  const after = lastId(h, user.id);
  h.fake.sendText({ chatId: user.id, from: user, text });
  return nextMatching(h, user.id, after, match);
}

/** Presses the button labelled `label` of a bot message in `chatId`. */
export function press(h: Harness, user: FakeUserInput, message: StoredMessage, label: string): void {
  h.fake.pressButton({
    chatId: message.chatId,
    from: user,
    messageId: message.messageId,
    data: buttonData(message, label),
  });
}

/** Presses a button and resolves with the bot's next matching message in the presser's chat. */
export async function pressAndWait(
  h: Harness,
  user: FakeUserInput,
  message: StoredMessage,
  label: string,
  match: string | RegExp,
): Promise<StoredMessage> {
  const after = lastId(h, message.chatId);
  press(h, user, message, label);
  return nextMatching(h, message.chatId, after, match);
}

export function trackingCode(message: StoredMessage): string {
  const code = TIP_CODE.exec(message.plainText)?.[0];
  if (!code) throw new Error(`no tracking code in: ${message.plainText}`);
  return code;
}

/** phuly › phuly.minhkhai › phuly.minhkhai.to5, created by the superadmin. */
export async function createAreas(h: Harness): Promise<void> {
  h.fake.addPrivateChatUser(SUPERADMIN);
  await say(h, SUPERADMIN, "/themkhuvuc phuly Thành phố Phủ Lý", "Phủ Lý");
  await say(h, SUPERADMIN, "/themkhuvuc phuly.minhkhai Phường Minh Khai", "Minh Khai");
  await say(h, SUPERADMIN, "/themkhuvuc phuly.minhkhai.to5 Tổ dân phố số 5", "Tổ dân phố số 5");
}

/** Gives `user` the officer role on `areaCode` through an invite, as an admin would. */
export async function makeOfficer(h: Harness, user: FakeUserInput, areaCode: string): Promise<void> {
  h.fake.addPrivateChatUser(user);
  const invite = await say(h, SUPERADMIN, `/moi officer ${areaCode}`, "start=join_");
  const code = /start=join_([A-Z0-9]+)/.exec(invite.plainText)?.[1];
  if (!code) throw new Error(invite.plainText);
  await say(h, user, `/start join_${code}`, "vai trò");
}

/** Registers a group for an area (the officer is made a group administrator) and makes `members` seen there. */
export async function registerGroup(
  h: Harness,
  input: { groupId: number; officer: FakeUserInput; areaCode: string; members: readonly FakeUserInput[] },
): Promise<void> {
  const { groupId, officer } = input;
  h.fake.addGroup({ id: groupId, title: `Nhóm ${input.areaCode}`, type: "supergroup" });
  h.fake.setChatAdmin(groupId, officer.id, true);
  const after = lastId(h, groupId);
  h.fake.sendText({ chatId: groupId, from: officer, text: `/dangky ${input.areaCode}` });
  await nextMatching(h, groupId, after, "liên kết");
  for (const member of input.members) {
    h.fake.addPrivateChatUser(member);
    // Any message in a registered group makes its sender "seen" there, which is how a DM knows their area.
    h.fake.sendText({ chatId: groupId, from: member, text: "Chào cả nhà" });
    await until(
      async () =>
        (await h.app.db.chatMember.count({
          where: { user: { platformUserId: String(member.id) }, chat: { platformChatId: String(groupId) } },
        })) === 1,
    );
  }
}
