/** `POST /telegram/webhook`: checks X-Telegram-Bot-Api-Secret-Token, validates, hands the update on. */
import type { Logger } from "pino";
import type { Update } from "telegraf/types";
import { z } from "zod";
import { json, type Route } from "./server.js";
import { secretMatches } from "./secret.js";

/** Just enough shape to be sure it is an update; the adapter reads the rest defensively. */
const UpdateShape = z.looseObject({ update_id: z.number().int().nonnegative() });

export function telegramWebhookRoute(options: { secret: string; handle: (update: Update) => Promise<void>; logger: Logger }): Route {
  return {
    method: "POST",
    path: "/telegram/webhook",
    handler: async (request) => {
      if (!secretMatches(request.headers["x-telegram-bot-api-secret-token"], options.secret)) return json(403, { ok: false, error: "forbidden" });
      let body: unknown;
      try {
        body = JSON.parse(request.body.toString("utf8"));
      } catch {
        options.logger.warn({ event: "webhook_bad_json", platform: "telegram" }, "webhook body is not JSON");
        return json(400, { ok: false, error: "body is not JSON" });
      }
      const parsed = UpdateShape.safeParse(body);
      if (!parsed.success) {
        options.logger.warn({ event: "webhook_bad_update", platform: "telegram" }, "webhook body is not an update");
        return json(400, { ok: false, error: "not a Telegram update" });
      }
      await options.handle(parsed.data as unknown as Update);
      return json(200, { ok: true });
    },
  };
}
