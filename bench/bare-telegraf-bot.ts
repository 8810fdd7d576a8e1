/**
 * The reference of the acknowledgement storm (issue 20): a bare telegraf bot that only answers each
 * callback query, long polling the same fake Telegram server. Run by bench/ack-storm.ts in its own
 * process (as Kẻng runs): `TELEGRAM_BOT_TOKEN` and `TELEGRAM_API_ROOT` from the environment.
 */
import { Telegraf } from "telegraf";

const bot = new Telegraf(process.env.TELEGRAM_BOT_TOKEN ?? "", {
  telegram: { apiRoot: process.env.TELEGRAM_API_ROOT ?? "" },
});
bot.on("callback_query", (ctx) => ctx.answerCbQuery("✅ Đã ghi nhận"));
process.once("SIGTERM", () => bot.stop("SIGTERM"));
await bot.launch({ dropPendingUpdates: false });
