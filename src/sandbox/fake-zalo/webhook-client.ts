import http from "node:http";
import https from "node:https";

/** Header Zalo puts on every webhook POST: the `secret_token` given to setWebhook. */
export const SECRET_HEADER = "x-bot-api-secret-token";

/** POSTs updates to the bot's webhook over keep-alive connections it can close on stop. */
export class ZaloWebhookClient {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 50 });
  private readonly inFlight = new Set<http.ClientRequest>();

  /** Resolves with the HTTP status of the answer; rejects when there is none. */
  post(options: { url: string; body: string; secretToken: string; timeoutMs: number }): Promise<number> {
    const url = new URL(options.url);
    const secure = url.protocol === "https:";
    const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(options.body), [SECRET_HEADER]: options.secretToken };
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        { method: "POST", headers, agent: secure ? this.httpsAgent : this.httpAgent, timeout: options.timeoutMs },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
          response.on("error", reject);
        },
      );
      this.inFlight.add(request);
      request.on("close", () => this.inFlight.delete(request));
      request.on("timeout", () => request.destroy(new Error("Timeout expired")));
      request.on("error", reject);
      request.end(options.body);
    });
  }

  /** Aborts requests in flight and closes pooled connections. */
  close(): void {
    for (const request of this.inFlight) request.destroy(new Error("fake Zalo server stopped"));
    this.inFlight.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
