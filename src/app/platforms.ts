/**
 * Builds the platform adapters this deployment has a token for (Telegram, Zalo), the per-platform
 * senders, button answerers and directories, and the public file links Zalo needs for media.
 */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Translator } from "../core/i18n.js";
import type { PlatformName } from "../core/messages.js";
import type { ButtonAnswerer, ChatSender, Outbox, PlatformDirectory } from "../core/ports.js";
import { systemClock } from "../core/ports.js";
import type { Sealer } from "../core/seal.js";
import type { Db } from "../db/client.js";
import { PrismaMediaStore } from "../db/media-store.js";
import { PrismaPromptStore } from "../db/prompt-store.js";
import type { PrismaIdentityStore } from "../modules/identity/repo.js";
import { PublicMedia } from "../platforms/public-media.js";
import { telegramFileFetcher } from "../platforms/telegram/telegram-files.js";
import { TelegramPlatform } from "../platforms/telegram/telegram-platform.js";
import { inboundPhotoKeeper } from "../platforms/zalo/keep-inbound-photo.js";
import { ZaloPlatform } from "../platforms/zalo/zalo-platform.js";

/** The platform adapters and what the rest of the app reaches them through. */
export interface Platforms {
  /** Undefined without TELEGRAM_BOT_TOKEN. */
  readonly telegram: TelegramPlatform | undefined;
  /** Undefined without ZALO_BOT_TOKEN. */
  readonly zalo: ZaloPlatform | undefined;
  /** Per platform: who sends a message (the deliver worker). */
  readonly senders: ReadonlyMap<PlatformName, ChatSender>;
  /** Per platform: who answers a button tap (the dispatcher). */
  readonly answerers: ReadonlyMap<PlatformName, ButtonAnswerer>;
  /** Per platform: who looks up chats and members (the area commands). */
  readonly directories: ReadonlyMap<PlatformName, PlatformDirectory>;
  /** Files we serve at GET /media/<id> (expired ones are deleted by the scheduler). */
  readonly mediaStore: PrismaMediaStore;
}

/** What {@link buildPlatforms} needs from the shared infrastructure. */
export interface PlatformDeps {
  readonly db: Db;
  /** Counts the messages Zalo accepts (issue 17). */
  readonly zaloQuota: { countSent(count?: number): Promise<void> } | undefined;
  readonly translator: Translator;
  readonly sealer: Sealer | undefined;
  readonly outbox: Outbox;
  readonly identity: PrismaIdentityStore;
  readonly logger: Logger;
}

/** Builds the adapters from the config; nothing is started yet (see inbound-role.ts). */
export function buildPlatforms(config: Config, deps: PlatformDeps): Platforms {
  const { db, translator, sealer, outbox, identity, logger, zaloQuota } = deps;
  const senders = new Map<PlatformName, ChatSender>();
  const answerers = new Map<PlatformName, ButtonAnswerer>();
  const directories = new Map<PlatformName, PlatformDirectory>();
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? new TelegramPlatform({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        mode: config.TELEGRAM_MODE,
        ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL } : {}),
        ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
        translator,
        logger,
      })
    : undefined;
  if (telegram) {
    senders.set("telegram", telegram.sender);
    answerers.set("telegram", telegram.sender);
    directories.set("telegram", telegram.sender);
  }
  const mediaStore = new PrismaMediaStore(db);
  // Zalo takes photos only by URL: files we hold (or fetch from Telegram) get a link of ours.
  const publicMedia = config.PUBLIC_BASE_URL
    ? new PublicMedia({
        store: mediaStore,
        baseUrl: config.PUBLIC_BASE_URL,
        ttlMs: config.MEDIA_TTL_HOURS * 3600_000,
        ...(telegram ? { fetchTelegramFile: telegramFileFetcher(telegram.bot.telegram) } : {}),
        clock: systemClock,
        logger,
      })
    : undefined;
  if (config.ZALO_BOT_TOKEN && !publicMedia)
    logger.warn(
      { event: "zalo_media_disabled" },
      "PUBLIC_BASE_URL is not set: Zalo gets photos and documents as text only (Zalo fetches photos from PUBLIC_BASE_URL/media/…)",
    );
  const zalo = config.ZALO_BOT_TOKEN
    ? new ZaloPlatform({
        token: config.ZALO_BOT_TOKEN,
        apiRoot: config.ZALO_API_ROOT,
        mode: config.ZALO_MODE,
        ...(config.ZALO_WEBHOOK_URL ? { webhookUrl: config.ZALO_WEBHOOK_URL } : {}),
        ...(config.ZALO_WEBHOOK_SECRET ? { webhookSecret: config.ZALO_WEBHOOK_SECRET } : {}),
        translator,
        prompts: new PrismaPromptStore(db),
        // Prompt keys are keyed hashes: a tipster's Zalo id never sits in the prompts table.
        chatKey: (chatId) => (sealer ? sealer.hash(`zalo-chat:${chatId}`) : `zalo:${chatId}`),
        outbox,
        identity,
        logger,
        ...(publicMedia ? { media: publicMedia } : {}),
        ...(zaloQuota ? { onSent: () => zaloQuota.countSent() } : {}),
        // A photo people send is kept as long as a tip's content may be (its Zalo link is temporary).
        ...(publicMedia
          ? { keepPhoto: inboundPhotoKeeper({ media: publicMedia, ttlMs: config.TIP_RETENTION_DAYS * 86_400_000 }) }
          : {}),
        defaultLocale: config.DEFAULT_LOCALE,
      })
    : undefined;
  if (zalo) {
    senders.set("zalo", zalo.sender);
    answerers.set("zalo", zalo.answerer);
    directories.set("zalo", zalo);
  }
  return { telegram, zalo, senders, answerers, directories, mediaStore };
}
