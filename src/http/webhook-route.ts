/**
 * What every platform's webhook does before it looks at an update: the secret header compared in
 * constant time before the body is read (a caller without it cannot make us take a megabyte), then
 * the body read as JSON. `accept` checks the update's shape and hands it on.
 */
import type { Logger } from "pino";
import type { PlatformName } from "../core/messages.js";
import { json, type HttpResponse, type Route } from "./server.js";
import { secretMatches } from "./secret.js";

export function webhookRoute(options: {
  readonly platform: PlatformName;
  readonly path: string;
  /** The header the platform puts the secret in, lower case. */
  readonly secretHeader: string;
  readonly secret: string;
  readonly logger: Logger;
  readonly accept: (body: unknown) => Promise<HttpResponse>;
}): Route {
  const { platform, logger } = options;
  return {
    method: "POST",
    path: options.path,
    guard: (request) => {
      if (secretMatches(request.headers[options.secretHeader], options.secret)) return undefined;
      logger.warn({ event: "webhook_forbidden", platform }, "webhook request without the right secret");
      return json(403, { ok: false, error: "forbidden" });
    },
    handler: async (request) => {
      let body: unknown;
      try {
        body = JSON.parse(request.body.toString("utf8"));
      } catch {
        logger.warn({ event: "webhook_bad_json", platform }, "webhook body is not JSON");
        return json(400, { ok: false, error: "body is not JSON" });
      }
      return options.accept(body);
    },
  };
}
