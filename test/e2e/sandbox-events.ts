/** Reads the sandbox's server-sent events (`/sandbox/api/events`) the way the page does. */
import type { LiveEvent } from "../../src/sandbox/live-events.js";

/** Matches a message of the bot in one chat that says `pattern`. */
export const botMessageIn = (chatId: number, pattern: RegExp) => (event: LiveEvent) =>
  event.type === "message" &&
  event.message.chatId === chatId &&
  event.message.from.kind === "bot" &&
  pattern.test(event.message.text);

export class EventStream {
  readonly events: LiveEvent[] = [];
  private constructor(private readonly controller: AbortController) {}

  /** Connects and resolves once the stream is open. */
  static async open(url: string): Promise<EventStream> {
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    if (response.status !== 200 || response.body === null) throw new Error(`event stream answered ${response.status}`);
    const stream = new EventStream(controller);
    void stream.read(response.body);
    return stream;
  }

  /** The first event (already received or to come) that matches. */
  async waitFor(predicate: (event: LiveEvent) => boolean, timeoutMs = 15_000): Promise<LiveEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) {
        const seen = this.events.map((e) =>
          e.type === "message" || e.type === "edit"
            ? `${e.type} ${e.message.chatId}: ${e.message.text.slice(0, 60)}`
            : JSON.stringify(e),
        );
        throw new Error(`no matching event within ${timeoutMs} ms; saw:\n${seen.join("\n")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.controller.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // Aborted by close(), or the sandbox stopped.
    }
  }

  private parse(block: string): void {
    const data = block
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => line.slice(6))
      .join("\n");
    if (data !== "") this.events.push(JSON.parse(data) as LiveEvent);
  }
}
