import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A keep-alive node:http server on 127.0.0.1 that `stop` closes with all its connections. */
export class LoopbackServer {
  private server: Server | undefined;
  private port = 0;

  /** @param name The owner's class name, for the errors of misuse ("… already started"). */
  constructor(private readonly name: string) {}

  /** Listens on 127.0.0.1; port 0 picks a free one. */
  async start(handler: (req: IncomingMessage, res: ServerResponse) => void, port = 0): Promise<void> {
    if (this.server !== undefined) throw new Error(`${this.name} already started`);
    const server = createServer({ keepAlive: true }, handler);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
  }

  /** The server's root URL, e.g. `http://127.0.0.1:41234`. */
  get apiRoot(): string {
    if (this.server === undefined) throw new Error(`${this.name} not started`);
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops listening and closes every connection, keep-alive ones included. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}
