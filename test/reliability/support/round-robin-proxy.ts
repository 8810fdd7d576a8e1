/**
 * A small HTTP load balancer for tests: each request goes to the next backend in turn (round robin),
 * body and answer streamed through, as nginx or Caddy would do in front of several inbound processes.
 * It counts, per backend, the requests answered with a 2xx.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export class RoundRobinProxy {
  /** Requests answered with a 2xx, per backend port. */
  readonly answered = new Map<number, number>();
  private next = 0;
  private server: Server | undefined;

  constructor(private readonly backends: readonly number[]) {
    for (const port of backends) this.answered.set(port, 0);
  }

  /** Listens on 127.0.0.1; resolves with the port. */
  async start(): Promise<number> {
    const server = createServer((req, res) => {
      const port = this.backends[this.next++ % this.backends.length] ?? 0;
      const upstream = request(
        { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          if ((answer.statusCode ?? 0) < 300) this.answered.set(port, (this.answered.get(port) ?? 0) + 1);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      // A backend that is down: 502, as a load balancer answers (the sender retries).
      upstream.on("error", () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
