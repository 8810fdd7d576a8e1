/**
 * Downloads a Telegram file by id (getFile, then the file URL), so a platform that takes files
 * only by URL (Zalo) can be given our own link to it. The file URL holds the bot token: it never
 * appears in an error message.
 */
import { basename } from "node:path";
import type { Telegram } from "telegraf";
import type { FetchTelegramFile } from "../public-media.js";

/** The Bot API serves downloads up to 20 MB. */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export function telegramFileFetcher(
  telegram: Telegram,
  options: { maxBytes?: number; timeoutMs?: number } = {},
): FetchTelegramFile {
  const maxBytes = options.maxBytes ?? TELEGRAM_DOWNLOAD_LIMIT;
  return async (fileId) => {
    const link = await telegram.getFileLink(fileId);
    const response = await fetch(link, { signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS) }).catch(
      (error: unknown) => {
        throw new Error(`Telegram file download failed: ${error instanceof Error ? error.name : "network error"}`);
      },
    );
    if (!response.ok) throw new Error(`Telegram file download answered ${response.status}`);
    if (Number(response.headers.get("content-length") ?? 0) > maxBytes)
      throw new Error(`Telegram file over ${maxBytes} bytes`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw new Error(`Telegram file over ${maxBytes} bytes`);
    const name = basename(link.pathname);
    return { bytes, ...(name ? { filename: name } : {}) };
  };
}
