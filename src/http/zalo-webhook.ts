/** `POST /zalo/webhook`: checks X-Bot-Api-Secret-Token in constant time before reading the body, validates, hands the update on. */
import type { Logger } from "pino";
import { parseZaloUpdate, type ZaloUpdate } from "../platforms/zalo/client/index.js";
import { json, type Route } from "./server.js";
import { webhookRoute } from "./webhook-route.js";

export function zaloWebhookRoute(options: {
  secret: string;
  handle: (update: ZaloUpdate) => Promise<void>;
  logger: Logger;
}): Route {
  return webhookRoute({
    platform: "zalo",
    path: "/zalo/webhook",
    secretHeader: "x-bot-api-secret-token",
    secret: options.secret,
    logger: options.logger,
    accept: async (body) => {
      const parsed = parseZaloUpdate(body);
      if (!parsed.ok) {
        options.logger.warn(
          { event: "webhook_bad_update", platform: "zalo", error: parsed.error },
          "webhook body is not a Zalo update",
        );
        return json(400, { ok: false, error: "not a Zalo update" });
      }
      await options.handle(parsed.update);
      return json(200, { ok: true });
    },
  });
}
