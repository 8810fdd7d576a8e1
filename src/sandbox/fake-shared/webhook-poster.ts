import http from "node:http";
import https from "node:https";

/** The webhook's answer to one POST. */
export interface WebhookAnswer {
  status: number;
  statusMessage: string;
  contentType: string;
  body: Buffer;
}

/** POSTs JSON to a bot's webhook over keep-alive connections it can close on stop. */
export class WebhookPoster {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly inFlight = new Set<http.ClientRequest>();

  /**
   * @param options.maxSockets Connections per host and agent.
   * @param options.stoppedMessage The error requests in flight fail with on `close`.
   */
  constructor(private readonly options: { maxSockets: number; stoppedMessage: string }) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  }

  /** Resolves with the answer; rejects on a network error or after `timeoutMs` without one. */
  post(options: {
    url: string;
    body: string;
    headers: Record<string, string>;
    timeoutMs: number;
  }): Promise<WebhookAnswer> {
    const url = new URL(options.url);
    const secure = url.protocol === "https:";
    const headers = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(options.body),
      ...options.headers,
    };
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
    for (const request of this.inFlight) request.destroy(new Error(this.options.stoppedMessage));
    this.inFlight.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
