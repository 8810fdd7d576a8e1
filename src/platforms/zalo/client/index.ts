/** Our own small SDK of the Zalo Bot API (axios): the client, its error mapping and the update schemas. */
export {
  ZALO_DEFAULT_API_ROOT,
  ZALO_MAX_TEXT_LENGTH,
  ZaloBotClient,
  type ZaloBotClientOptions,
} from "./zalo-bot-client.js";
export {
  DEFAULT_RETRY_AFTER_MS,
  classifyZaloFailure,
  createRedactor,
  toZaloApiError,
  toZaloNetworkError,
} from "./zalo-errors.js";
// Every schema and type of the answers the client reads.
export * from "./results.js";
export {
  ZALO_EVENT_NAMES,
  ZaloChatSchema,
  ZaloMessageSchema,
  ZaloSenderSchema,
  ZaloUpdateSchema,
  isKnownZaloUpdate,
  parseZaloUpdate,
  type ZaloEventName,
  type ZaloKnownUpdate,
  type ZaloMessage,
  type ZaloUnknownUpdate,
  type ZaloUpdate,
} from "./update-schema.js";
