import http from "node:http";
import https from "node:https";

export interface WebhookAnswer {
  status: number;
  statusMessage: string;
  contentType: string;
  body: Buffer;
}

/** POSTs updates to the bot's webhook over keep-alive connections it can close on stop. */
export class WebhookClient {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 100 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 100 });
  private readonly inFlight = new Set<http.ClientRequest>();

  post(options: { url: string; body: string; secretToken?: string; timeoutMs: number }): Promise<WebhookAnswer> {
    const url = new URL(options.url);
    const secure = url.protocol === "https:";
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(options.body),
    };
    if (options.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = options.secretToken;
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        { method: "POST", headers, agent: secure ? this.httpsAgent : this.httpAgent, timeout: options.timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              statusMessage: response.statusMessage ?? "",
              contentType: response.headers["content-type"] ?? "",
              body: Buffer.concat(chunks),
            }),
          );
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
    for (const request of this.inFlight) request.destroy(new Error("fake Telegram server stopped"));
    this.inFlight.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
