/**
 * When Telegram answers 400 to a paid broadcast, the message goes again unflagged; only if that
 * unflagged copy goes out was the refusal about paying (and paid sends stop for a while). A 400 that
 * comes back unflagged too was the message's own fault (a deleted topic, a group's restrictions):
 * the emergency broadcast keeps its 1,000/s for everyone else.
 */
import pino from "pino";
import { describe, expect, it } from "vitest";
import { PlatformError } from "../../src/core/errors.js";
import { PaidBroadcast } from "../../src/queue/paid-broadcast.js";
import type { ZaloQuotaNoticeOptions } from "../../src/queue/zalo-quota-notice.js";

const telegram = { platform: "telegram" } as const;
const delivery = (id: number) => ({ id: BigInt(id), emergency: true, sourceKind: "alert" as const, sourceId: 7 });
const badRequest = new PlatformError({
  failure: "bad_request",
  message: "Bad Request: message thread not found",
  code: 400,
});

function gate(): PaidBroadcast {
  // No superadmins: nobody to tell, so the notice touches no database.
  const notices = { superadmins: [], platforms: new Set(["telegram"]), logger: pino({ level: "silent" }) };
  return new PaidBroadcast({
    notices: notices as unknown as ZaloQuotaNoticeOptions,
    logger: pino({ level: "silent" }),
  });
}

describe("paid broadcasts refused", () => {
  it("keep going flagged when a 400 was the message's own fault", async () => {
    const paid = gate();
    expect(paid.applies(delivery(1), telegram)).toBe(true);
    expect(paid.refused(delivery(1), badRequest)).toBe(true);
    // That one message goes again unflagged, and fails again: not a matter of paying.
    expect(paid.applies(delivery(1), telegram)).toBe(false);
    await paid.settledUnflagged(delivery(1), false);
    expect(paid.applies(delivery(2), telegram)).toBe(true);
  });

  it("stop when the same message went out unflagged", async () => {
    const paid = gate();
    expect(paid.refused(delivery(1), badRequest)).toBe(true);
    expect(paid.applies(delivery(2), telegram)).toBe(true);
    await paid.settledUnflagged(delivery(1), true);
    expect(paid.applies(delivery(2), telegram)).toBe(false);
  });

  it("are not taken for refusals when the failure is not a 400", () => {
    const paid = gate();
    const serverError = new PlatformError({ failure: "server", message: "Internal Server Error", code: 500 });
    expect(paid.refused(delivery(1), serverError)).toBe(false);
    expect(paid.applies(delivery(1), telegram)).toBe(true);
  });
});
