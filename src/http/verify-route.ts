/**
 * `GET /verify/<code>`: the same answer as /kiemtra, as JSON, for a ward website to link to. The
 * code is looked up by index; each client (its address, or the one a local reverse proxy saw) gets
 * a few lookups a minute.
 */
import type { AttemptLimiter } from "../core/ports.js";
import { printedCode } from "../core/verification.js";
import type { VerifyDeps } from "../modules/verify/deps.js";
import { alertStateNow, describeSigned } from "../modules/verify/reply-verification.js";
import { verifyMessage } from "../modules/verify/verify-message.js";
import { clientAddress } from "./loopback.js";
import { json, type Route } from "./server.js";

/** Lookups per client per window: enough for a person, too few to guess codes. */
export const VERIFY_LIMIT = { max: 30, windowSeconds: 60 } as const;

export function verifyRoute(options: { deps: VerifyDeps; attempts: AttemptLimiter }): Route {
  const { deps, attempts } = options;
  return {
    method: "GET",
    path: "/verify/:code",
    handler: async (request) => {
      const hit = await attempts.hit({ key: `verify-http:${clientAddress(request)}`, ...VERIFY_LIMIT });
      if (!hit.allowed) {
        const response = json(429, {
          error: "too_many_requests",
          message: "Too many lookups from this address; try again later.",
          retryAfterSeconds: hit.retryInSeconds,
        });
        return { ...response, headers: { ...response.headers, "retry-after": String(hit.retryInSeconds) } };
      }
      let typed: string;
      try {
        typed = decodeURIComponent(request.params.code ?? "").slice(0, 20);
      } catch {
        return json(400, { error: "bad_request", message: "The code in the address is not valid percent-encoding." });
      }
      const code = printedCode(typed);
      const outcome = await verifyMessage({ code: typed, deps });
      if (outcome.kind === "notFound")
        return json(404, {
          authentic: false,
          code,
          advice:
            "Not found: check each character. A message whose code is not found was not sent by Kẻng: do not follow it.",
        });
      const signed = outcome.message;
      const described = describeSigned(signed, outcome.what);
      const area =
        signed.kind === "campaign"
          ? { code: signed.campaign.areaCode, name: signed.campaign.areaName }
          : { code: signed.alert.areaCode, name: signed.alert.areaName };
      const sender = signed.kind === "campaign" ? signed.campaign.unitName : signed.alert.unitName;
      const state = alertStateNow(signed, deps.clock.now());
      return json(200, {
        authentic: true,
        code,
        kind: outcome.what,
        id: described.id,
        area,
        sender,
        issuedAt: described.at.toISOString(),
        text: described.original,
        ...(state ? { state } : {}),
      });
    },
  };
}
