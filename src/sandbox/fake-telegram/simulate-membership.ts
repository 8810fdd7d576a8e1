/** Simulated changes of the bot's membership: joining a group, a startgroup link, a kick, a migration. */
import { chatMember } from "./message-shapes.js";
import { textFields, type UpdatePoster } from "./post-update.js";
import type { ChatMemberStatus, FakeUserInput, Update } from "./types.js";
import type { ChatRecord, World } from "./world.js";

const TELEGRAM_SERVICE_USER: FakeUserInput = { id: 777000, first_name: "Telegram" };

/** Builds the updates Telegram sends when the bot joins, leaves or follows a group. */
export class MembershipSimulator {
  constructor(
    private readonly world: World,
    private readonly poster: UpdatePoster,
  ) {}

  addBotToGroup(options: {
    chatId: number;
    by: FakeUserInput;
    title?: string;
    status?: "member" | "administrator";
  }): Update {
    const record =
      this.world.chats.get(options.chatId) ??
      this.world.addChat(
        {
          id: options.chatId,
          type: options.chatId <= -1_000_000_000_000 ? "supergroup" : "group",
          title: options.title ?? `Group ${-options.chatId}`,
        },
        "left",
      );
    // Telegram adds a bot as a plain member unless the person grants it admin rights.
    const status = options.status ?? "member";
    const before = record.botStatus === status ? "left" : record.botStatus;
    return this.changeBotStatus(record, options.by, before, status);
  }

  /**
   * `https://t.me/<bot>?startgroup=<payload>` as Telegram's apps do it: the person picks a group, the
   * bot is added (`my_chat_member`, unless it is already there) and `/start@<bot> <payload>` is sent
   * in the group from that person (messages.startBot). Returns the `/start` message's update.
   */
  startGroupLink(options: {
    chatId: number;
    by: FakeUserInput;
    payload: string;
    title?: string;
    status?: "member" | "administrator";
  }): Update {
    // Telegram accepts up to 64 characters of A-Za-z0-9_- (START_PARAM_INVALID otherwise).
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(options.payload))
      throw new Error(`FakeTelegramServer.startGroupLink: START_PARAM_INVALID ${JSON.stringify(options.payload)}`);
    const known = this.world.chats.get(options.chatId);
    const adder = known?.members.get(options.by.id);
    // Only groups the person is in (and may add members to) are offered by the app.
    if (adder === "left" || adder === "kicked" || adder === "restricted")
      throw new Error(
        `FakeTelegramServer.startGroupLink: user ${options.by.id} cannot add members to ${options.chatId}`,
      );
    const inGroup = known !== undefined && (known.botStatus === "member" || known.botStatus === "administrator");
    if (!inGroup)
      this.addBotToGroup({
        chatId: options.chatId,
        by: options.by,
        status: options.status ?? "member",
        ...(options.title === undefined ? {} : { title: options.title }),
      });
    if (known === undefined) this.world.requireChat(options.chatId).members.set(options.by.id, "creator");
    const bot = this.world.bot.username ?? "";
    return this.poster.post(
      { chatId: options.chatId, from: options.by },
      textFields(`/start@${bot} ${options.payload}`),
    );
  }

  removeBotFromGroup(options: { chatId: number; by: FakeUserInput }): Update {
    const record = this.world.requireChat(options.chatId);
    return this.changeBotStatus(record, options.by, record.botStatus, "kicked");
  }

  /** Upgrades a group: `migrate_to_chat_id` in the old chat, then `migrate_from_chat_id` in the new one. */
  migrateGroup(oldId: number, newId: number, by?: FakeUserInput): Update {
    const old = this.world.requireChat(oldId);
    if (old.chat.type !== "group") throw new Error(`FakeTelegramServer.migrateGroup: ${oldId} is not a basic group`);
    const title = old.chat.title ?? `Group ${-newId}`;
    const target = this.world.addChat({ id: newId, type: "supergroup", title }, old.botStatus);
    for (const [userId, status] of old.members) target.members.set(userId, status);
    const actor = by ?? TELEGRAM_SERVICE_USER;
    const update = this.poster.post({ chatId: oldId, from: actor }, { migrate_to_chat_id: newId });
    old.migratedTo = newId;
    this.poster.post({ chatId: newId, from: actor }, { migrate_from_chat_id: oldId });
    return update;
  }

  private changeBotStatus(
    record: ChatRecord,
    by: FakeUserInput,
    before: ChatMemberStatus,
    after: ChatMemberStatus,
  ): Update {
    const from = this.world.registerUser(by);
    record.botStatus = after;
    return this.poster.deliver(
      record,
      {
        my_chat_member: {
          chat: record.chat,
          from,
          date: this.world.now(),
          old_chat_member: chatMember(this.world.bot, before),
          new_chat_member: chatMember(this.world.bot, after),
        },
      },
      true,
    );
  }
}
