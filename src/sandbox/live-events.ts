/**
 * Live updates for the web chat over server-sent events: what the bot sends, edits and deletes,
 * its answers to button presses (shown as toasts), and what other personas write. A browser that
 * reconnects reloads the whole state, so events carry no ids and nothing is replayed.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Route } from "../http/server.js";
import type { CallbackAnswer, FakeTelegramServer, MessageEdit, StoredMessage } from "./fake-telegram/index.js";
import { botMessageView, type MessageView } from "./transcript.js";

export type LiveEvent =
  | { readonly type: "message" | "edit"; readonly message: MessageView }
  | { readonly type: "delete"; readonly chatId: number; readonly id: number }
  | { readonly type: "answer"; readonly personaId: number | null; readonly text: string; readonly showAlert: boolean };

const HEARTBEAT_MS = 15_000;

/** The open event streams of every page, fed by the local Telegram server's events. */
export class LiveEvents {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;
  private readonly detach: () => void;

  constructor(private readonly fake: FakeTelegramServer) {
    const onMessage = (message: StoredMessage) =>
      this.publish({ type: "message", message: botMessageView(fake, message) });
    const onEdit = (message: StoredMessage, _edit: MessageEdit) =>
      this.publish({ type: "edit", message: botMessageView(fake, message) });
    const onDelete = (message: StoredMessage) =>
      this.publish({ type: "delete", chatId: message.chatId, id: message.messageId });
    const onAnswer = (answer: CallbackAnswer) => {
      // An answer without text only stops the button's spinner: nothing to show.
      if (answer.text === undefined || answer.text === "") return;
      this.publish({
        type: "answer",
        personaId: answer.query?.from.id ?? null,
        text: answer.text,
        showAlert: answer.showAlert,
      });
    };
    fake.on("botMessage", onMessage);
    fake.on("botEdit", onEdit);
    fake.on("botDelete", onDelete);
    fake.on("callbackAnswer", onAnswer);
    this.detach = () => {
      fake.off("botMessage", onMessage);
      fake.off("botEdit", onEdit);
      fake.off("botDelete", onDelete);
      fake.off("callbackAnswer", onAnswer);
    };
    // Comments keep proxies and browsers from dropping a quiet stream.
    this.heartbeat = setInterval(() => this.write(": ping\n\n"), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Sends an event to every open page. */
  publish(event: LiveEvent): void {
    this.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  /** `GET /sandbox/api/events`. */
  route(): Route {
    return {
      method: "GET",
      path: "/sandbox/api/events",
      handler: () => ({ status: 405 }),
      raw: (request, response) => this.open(request, response),
    };
  }

  /**
   * Ends every stream and refuses new ones. Must run before the HTTP server closes: an open
   * event stream would keep `server.close()` waiting forever.
   */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.detach();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private open(request: IncomingMessage, response: ServerResponse): void {
    if (this.closed) {
      response.writeHead(503, { "content-type": "text/plain" }).end("sandbox is stopping");
      return;
    }
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    // Reconnect quickly after a restart of the sandbox.
    response.write("retry: 1500\n\n");
    this.clients.add(response);
    request.on("close", () => this.clients.delete(response));
  }

  private write(chunk: string): void {
    for (const client of this.clients) client.write(chunk);
  }
}
