/** `POST /zalo/webhook`: checks X-Bot-Api-Secret-Token in constant time before reading the body, validates, hands the update on. */
import type { Logger } from "pino";
import { parseZaloUpdate, type ZaloUpdate } from "../platforms/zalo/client/index.js";
import { json, type Route } from "./server.js";
import { secretMatches } from "./secret.js";

export function zaloWebhookRoute(options: { secret: string; handle: (update: ZaloUpdate) => Promise<void>; logger: Logger }): Route {
  return {
    method: "POST",
    path: "/zalo/webhook",
    // Before the body is read: a caller without the secret cannot make us take a megabyte.
    guard: (request) => {
      if (secretMatches(request.headers["x-bot-api-secret-token"], options.secret)) return undefined;
      options.logger.warn({ event: "webhook_forbidden", platform: "zalo" }, "webhook request without the right secret");
      return json(403, { ok: false, error: "forbidden" });
    },
    handler: async (request) => {
      let body: unknown;
      try {
        body = JSON.parse(request.body.toString("utf8"));
      } catch {
        options.logger.warn({ event: "webhook_bad_json", platform: "zalo" }, "webhook body is not JSON");
        return json(400, { ok: false, error: "body is not JSON" });
      }
      const parsed = parseZaloUpdate(body);
      if (!parsed.ok) {
        options.logger.warn({ event: "webhook_bad_update", platform: "zalo", error: parsed.error }, "webhook body is not a Zalo update");
        return json(400, { ok: false, error: "not a Zalo update" });
      }
      await options.handle(parsed.update);
      return json(200, { ok: true });
    },
  };
}
