/**
 * Tells the superadmins (SUPERADMINS) privately about Zalo's quota: once at 80 % of
 * ZALO_MONTHLY_QUOTA, once when Zalo first refuses with 429 (the caller claims each once a month).
 * Telegram accounts are told when any is listed: a Zalo message would spend the quota it warns of,
 * and after a 429 could not go out at all. Without one, the Zalo accounts are told.
 */
import type { Logger } from "pino";
import type { PlatformName } from "../core/messages.js";
import type { Outbox } from "../core/ports.js";
import { isLocale, t, type Locale, type Text } from "../core/text.js";
import type { Db } from "../db/client.js";
import type { IdentityStore } from "../modules/identity/types.js";

export interface ZaloQuotaNoticeOptions {
  readonly db: Db;
  readonly identity: Pick<IdentityStore, "privateChatOf">;
  readonly outbox: Outbox;
  readonly superadmins: readonly { readonly platform: PlatformName; readonly platformUserId: string }[];
  /** Platforms this deployment can send on. */
  readonly platforms: ReadonlySet<PlatformName>;
  readonly defaultLocale: Locale;
  readonly logger: Logger;
}

export type ZaloQuotaNotice =
  | { readonly kind: "near"; readonly month: string; readonly sends: number; readonly quota: number }
  | { readonly kind: "refused"; readonly month: string; readonly sends: number; readonly pauseMinutes: number };

function noticeText(notice: ZaloQuotaNotice): Text {
  switch (notice.kind) {
    case "near":
      return t("reports:zaloQuota.near", {
        sends: notice.sends,
        quota: notice.quota,
        percent: Math.floor((notice.sends / notice.quota) * 100),
        month: notice.month,
      });
    case "refused":
      return t("reports:zaloQuota.refused", { sends: notice.sends, minutes: notice.pauseMinutes, month: notice.month });
    default: {
      const never: never = notice;
      throw new Error(`unknown notice ${String(never)}`);
    }
  }
}

/** The superadmin accounts a notice goes to (see the file comment). */
export function noticeRecipients(
  options: Pick<ZaloQuotaNoticeOptions, "superadmins" | "platforms">,
): ZaloQuotaNoticeOptions["superadmins"] {
  const reachable = options.superadmins.filter((s) => options.platforms.has(s.platform));
  const telegram = reachable.filter((s) => s.platform === "telegram");
  return telegram.length > 0 ? telegram : reachable;
}

/** Queues the notice to each recipient who has written to the bot (others cannot be messaged). */
export async function sendZaloQuotaNotice(options: ZaloQuotaNoticeOptions, notice: ZaloQuotaNotice): Promise<void> {
  // The key makes the notice once a month per person even if two processes claimed it.
  const recipients = await sendAdminNotice(options, {
    key: (userId) => `zalo-quota:${notice.kind}:${notice.month}:${userId}`,
    text: noticeText(notice),
  });
  if (recipients === 0) return;
  options.logger.warn(
    { event: "zalo_quota_notice", kind: notice.kind, month: notice.month, sends: notice.sends, recipients },
    "admins told about Zalo's quota",
  );
}

/**
 * Queues a notice to the superadmins (see noticeRecipients) who have written to the bot; `key`
 * makes it once per person however many processes send it. Returns how many it was queued to.
 */
export async function sendAdminNotice(
  options: ZaloQuotaNoticeOptions,
  notice: { key: (userId: number) => string; text: Text },
): Promise<number> {
  const refs = noticeRecipients(options);
  if (refs.length === 0) return 0;
  const users = await options.db.user.findMany({
    where: { OR: refs.map((r) => ({ platform: r.platform, platformUserId: r.platformUserId })) },
    orderBy: { id: "asc" },
  });
  if (users.length < refs.length)
    options.logger.warn(
      { event: "admin_notice_unreachable", missing: refs.length - users.length },
      "a superadmin has never written to the bot: no notice for them",
    );
  const items = [];
  for (const user of users) {
    const locale = isLocale(user.locale) ? user.locale : options.defaultLocale;
    const chat = await options.identity.privateChatOf({
      id: user.id,
      platform: user.platform,
      platformUserId: user.platformUserId,
      displayName: user.displayName,
      locale,
    });
    items.push({
      key: notice.key(user.id),
      to: { chatId: chat.id },
      priority: "interactive" as const,
      message: { locale, text: notice.text },
    });
  }
  await options.outbox.enqueue(items);
  return items.length;
}
