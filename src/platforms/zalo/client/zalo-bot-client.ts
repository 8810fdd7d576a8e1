import axios, { type AxiosInstance } from "axios";
import type { z } from "zod";
import { PlatformError } from "../../../core/errors.js";
import {
  ZaloBotInfoSchema,
  ZaloEnvelopeSchema,
  ZaloSentMessageSchema,
  ZaloWebhookInfoSchema,
  type ZaloBotInfo,
  type ZaloChatAction,
  type ZaloEnvelope,
  type ZaloSentMessage,
  type ZaloWebhookInfo,
} from "./results.js";
import { parseZaloUpdate, type ZaloUpdate } from "./update-schema.js";
import { createRedactor, localBadRequest, toZaloApiError, toZaloNetworkError } from "./zalo-errors.js";

/** Zalo's documented host. The older `bot-api.zapps.me` answers 404 for some methods. */
export const ZALO_DEFAULT_API_ROOT = "https://bot-api.zaloplatforms.com";
/** Texts and captions: 1 to 2000 characters (counted in UTF-16 units, like our splitter: never more). */
export const ZALO_MAX_TEXT_LENGTH = 2000;
const DEFAULT_TIMEOUT_MS = 30_000;
/** A long poll may legitimately take its whole timeout; the HTTP timeout adds this much. */
const POLL_GRACE_MS = 10_000;

/** How to build a ZaloBotClient. Library code never reads env: the caller passes everything. */
export interface ZaloBotClientOptions {
  /** `<numeric id>:<secret>` from the Zalo Bot Creator. Kept out of every error message. */
  token: string;
  /** Default `https://bot-api.zaloplatforms.com`; a local fake in tests and the sandbox. */
  apiRoot?: string;
  /** HTTP timeout of one call (long polls add their own wait). Default 30 000 ms. */
  timeoutMs?: number;
  /** An axios instance to use (agents, interceptors); default `axios.create()`. */
  http?: AxiosInstance;
  /** Awaited after each message Zalo accepted (sendMessage, sendPhoto, sendSticker), e.g. to count them against the plan; must not throw. */
  onSent?: (method: string) => Promise<void> | void;
}

/** The methods that deliver a message, and count against the plan's monthly messages. */
const MESSAGE_METHODS = new Set(["sendMessage", "sendPhoto", "sendSticker"]);

/** A raw answer: HTTP status, the envelope if the body was one, and the Retry-After header. */
interface RawAnswer {
  status: number;
  envelope: ZaloEnvelope | undefined;
  retryAfterHeader: unknown;
}

/**
 * A small client of the Zalo Bot API (`POST {apiRoot}/bot{token}/{method}`, JSON). Every failure
 * is a PlatformError: `ok: false` answers by their error code, no answer at all as "network".
 */
export class ZaloBotClient {
  readonly #token: string;
  readonly #redact: (text: string) => string;
  private readonly http: AxiosInstance;
  private readonly apiRoot: string;
  private readonly timeoutMs: number;
  private readonly onSent: ZaloBotClientOptions["onSent"];
  /** One controller per request in flight, so that `abort()` can end them (long polls above all). */
  private readonly inFlight = new Set<AbortController>();

  constructor(options: ZaloBotClientOptions) {
    this.#token = options.token;
    this.#redact = createRedactor(options.token);
    this.http = options.http ?? axios.create();
    this.apiRoot = (options.apiRoot ?? ZALO_DEFAULT_API_ROOT).replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.onSent = options.onSent;
  }

  /** Checks the token and describes the bot: `{ id, account_name, account_type, can_join_groups }`. */
  async getMe(): Promise<ZaloBotInfo> {
    return this.call("getMe", {}, ZaloBotInfoSchema);
  }

  /**
   * Long-polls for the next update: Zalo returns ONE update per call and has no offset, so every
   * update is handed out once. Resolves null when none came within `timeoutSeconds` (Zalo answers
   * error 408, which is no error). Fails while a webhook is set. `signal` ends the poll early
   * (it then rejects with a "network" PlatformError).
   * @throws PlatformError "server" when the update is unreadable (logged by the caller, then skipped).
   */
  async getUpdates(options: { timeoutSeconds: number; signal?: AbortSignal }): Promise<ZaloUpdate | null> {
    const seconds = Math.max(0, Math.round(options.timeoutSeconds));
    const answer = await this.post(
      "getUpdates",
      { timeout: String(seconds) },
      { timeoutMs: seconds * 1000 + POLL_GRACE_MS, signal: options.signal },
    );
    const code = answer.envelope?.error_code ?? (answer.envelope === undefined ? answer.status : undefined);
    if (answer.envelope?.ok !== true && code === 408) return null;
    const result = this.ensureOk("getUpdates", answer).result;
    if (result === undefined || result === null) return null;
    const parsed = parseZaloUpdate(result);
    if (parsed.ok) return parsed.update;
    throw new PlatformError({
      failure: "server",
      message: `Zalo getUpdates: unreadable update: ${this.#redact(parsed.error)}`,
    });
  }

  /** Makes Zalo POST updates to `url` (HTTPS), with `X-Bot-Api-Secret-Token: secretToken` (8–256 characters). */
  async setWebhook(options: { url: string; secretToken: string }): Promise<ZaloWebhookInfo> {
    if (options.url.trim() === "") throw localBadRequest("setWebhook", "url is empty");
    const length = options.secretToken.length;
    if (length < 8 || length > 256)
      throw localBadRequest("setWebhook", `secret token must be 8–256 characters (got ${length})`);
    return this.call("setWebhook", { url: options.url, secret_token: options.secretToken }, ZaloWebhookInfoSchema);
  }

  /** Removes the webhook so that getUpdates works again. */
  async deleteWebhook(): Promise<ZaloWebhookInfo> {
    return this.call("deleteWebhook", {}, ZaloWebhookInfoSchema);
  }

  /** The webhook in force: `{ url, updated_at }`, `url` "" when none. */
  async getWebhookInfo(): Promise<ZaloWebhookInfo> {
    return this.call("getWebhookInfo", {}, ZaloWebhookInfoSchema);
  }

  /**
   * Sends a plain-text message (Zalo has no formatting) to a user or group.
   * @throws PlatformError "bad_request" before any request when `text` is empty or over 2000 characters.
   */
  async sendMessage(options: { chatId: string; text: string }): Promise<ZaloSentMessage> {
    requireChatId("sendMessage", options.chatId);
    const length = options.text.length;
    if (length < 1 || length > ZALO_MAX_TEXT_LENGTH) {
      throw localBadRequest("sendMessage", `text must be 1–${ZALO_MAX_TEXT_LENGTH} characters (got ${length})`);
    }
    return this.call("sendMessage", { chat_id: options.chatId, text: options.text }, ZaloSentMessageSchema);
  }

  /**
   * Sends a photo by URL (Zalo fetches it: the URL must be publicly reachable) with an optional caption.
   * @throws PlatformError "bad_request" before any request when the URL is empty or the caption over 2000 characters.
   */
  async sendPhoto(options: { chatId: string; photoUrl: string; caption?: string }): Promise<ZaloSentMessage> {
    requireChatId("sendPhoto", options.chatId);
    if (options.photoUrl.trim() === "") throw localBadRequest("sendPhoto", "photo URL is empty");
    const caption = options.caption === undefined || options.caption === "" ? undefined : options.caption;
    if (caption !== undefined && caption.length > ZALO_MAX_TEXT_LENGTH) {
      throw localBadRequest(
        "sendPhoto",
        `caption must be at most ${ZALO_MAX_TEXT_LENGTH} characters (got ${caption.length})`,
      );
    }
    const params = { chat_id: options.chatId, photo: options.photoUrl, ...(caption === undefined ? {} : { caption }) };
    return this.call("sendPhoto", params, ZaloSentMessageSchema);
  }

  /** Sends a sticker by its id from stickers.zaloapp.com. */
  async sendSticker(options: { chatId: string; sticker: string }): Promise<ZaloSentMessage> {
    requireChatId("sendSticker", options.chatId);
    if (options.sticker.trim() === "") throw localBadRequest("sendSticker", "sticker is empty");
    return this.call("sendSticker", { chat_id: options.chatId, sticker: options.sticker }, ZaloSentMessageSchema);
  }

  /** Shows "typing…" in the chat for a moment. */
  async sendChatAction(options: { chatId: string; action: ZaloChatAction }): Promise<void> {
    requireChatId("sendChatAction", options.chatId);
    this.ensureOk(
      "sendChatAction",
      await this.post("sendChatAction", { chat_id: options.chatId, action: options.action }),
    );
  }

  /**
   * Ends every request in flight (a pending long poll above all) at once: they reject with a
   * "network" PlatformError. For shutdown; the client stays usable for new calls.
   */
  abort(): void {
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  /** One call whose result must match `schema`; a result that does not is the server's fault. */
  private async call<T>(method: string, params: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    const envelope = this.ensureOk(method, await this.post(method, params));
    if (MESSAGE_METHODS.has(method)) await this.onSent?.(method);
    const parsed = schema.safeParse(envelope.result);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "result"}: ${issue.message}`)
      .join("; ");
    throw new PlatformError({
      failure: "server",
      message: `Zalo ${method}: unexpected result: ${this.#redact(issues)}`,
    });
  }

  private ensureOk(method: string, answer: RawAnswer): ZaloEnvelope {
    if (answer.envelope?.ok === true) return answer.envelope;
    if (answer.envelope === undefined && answer.status >= 200 && answer.status < 300) {
      throw new PlatformError({
        failure: "server",
        code: answer.status,
        message: `Zalo ${method} failed: HTTP ${answer.status}, not a Bot API answer`,
      });
    }
    throw toZaloApiError({
      method,
      status: answer.status,
      envelope: answer.envelope,
      retryAfterHeader: answer.retryAfterHeader,
      redact: this.#redact,
    });
  }

  /** POSTs JSON; any HTTP status is an answer, only a missing answer throws (as "network"). */
  private async post(
    method: string,
    params: Record<string, unknown>,
    options: { timeoutMs?: number; signal?: AbortSignal | undefined } = {},
  ): Promise<RawAnswer> {
    const controller = new AbortController();
    const signal =
      options.signal === undefined ? controller.signal : AbortSignal.any([controller.signal, options.signal]);
    this.inFlight.add(controller);
    try {
      const response = await this.http.request<unknown>({
        method: "POST",
        url: `${this.apiRoot}/bot${this.#token}/${method}`,
        data: params,
        headers: { "content-type": "application/json" },
        timeout: options.timeoutMs ?? this.timeoutMs,
        validateStatus: () => true,
        signal,
      });
      const envelope = ZaloEnvelopeSchema.safeParse(response.data);
      return {
        status: response.status,
        envelope: envelope.success ? envelope.data : undefined,
        retryAfterHeader: response.headers["retry-after"],
      };
    } catch (error) {
      throw toZaloNetworkError({ method, error, redact: this.#redact });
    } finally {
      this.inFlight.delete(controller);
    }
  }
}

function requireChatId(method: string, chatId: string): void {
  if (chatId.trim() === "") throw localBadRequest(method, "chat id is empty");
}
