/**
 * The bot's plan, as publicly reported for Zalo's Basic plan (ZALO.md: 3,000 messages a month, 50
 * users per bot; unconfirmed by Zalo's pricing page): once the month's messages are spent, or for a
 * private chat beyond the user cap, a send answers 429 "Quota exceeded". Off unless a test sets it.
 */
import type { FakeZaloPlan } from "./types.js";

export class ZaloPlanQuota {
  private sent = 0;
  /** Private chats the bot has written to, in order: the first `users` may be written to. */
  private readonly users = new Set<string>();

  constructor(private readonly plan: FakeZaloPlan) {}

  /** True when a send to this chat would be refused. */
  refuses(chat: { id: string; private: boolean }): boolean {
    if (this.plan.monthlyMessages !== undefined && this.sent >= this.plan.monthlyMessages) return true;
    if (!chat.private || this.plan.users === undefined || this.users.has(chat.id)) return false;
    return this.users.size >= this.plan.users;
  }

  /** Counts a send Zalo accepted. */
  count(chat: { id: string; private: boolean }): void {
    this.sent++;
    if (chat.private) this.users.add(chat.id);
  }

  /** A new month: the messages start again (the users the bot has stay). */
  newMonth(): void {
    this.sent = 0;
  }

  get messagesSent(): number {
    return this.sent;
  }
}
