/** A fake Zalo Bot API server for tests, benchmarks and the local sandbox. */
export { FakeZaloServer } from "./server.js";
export { SECRET_HEADER as ZALO_SECRET_HEADER } from "./webhook-client.js";
export type { ZaloChatAction } from "./simulate-users.js";
export type { ZaloUserRecord } from "./world.js";
export type {
  FakeZaloBotInfo,
  FakeZaloCallRecord,
  FakeZaloEventMap,
  FakeZaloEventName,
  FakeZaloFailureMatch,
  FakeZaloFailureResponse,
  FakeZaloMessage,
  FakeZaloOptions,
  FakeZaloOutageMode,
  FakeZaloParams,
  FakeZaloPlan,
  FakeZaloRateLimits,
  FakeZaloStats,
  FakeZaloStoredMessage,
  FakeZaloUpdate,
  FakeZaloUserInput,
  ZaloChatType,
} from "./types.js";
