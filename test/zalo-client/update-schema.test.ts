import { describe, expect, it } from "vitest";
import { isKnownZaloUpdate, parseZaloUpdate, type ZaloUpdate } from "../../src/platforms/zalo/client/index.js";

const message = {
  message_id: "16f6366b3f02645a3d15",
  date: 1766619597466,
  from: { id: "e4ea2cd5189df1c3a88c", display_name: "Nguyễn Văn A", is_bot: false },
  chat: { id: "e4ea2cd5189df1c3a88c", chat_type: "PRIVATE" },
  text: "Xin chào",
};

function parsed(body: unknown): ZaloUpdate {
  const result = parseZaloUpdate(body);
  if (!result.ok) throw new Error(result.error);
  return result.update;
}

describe("parseZaloUpdate", () => {
  it("accepts the wrapped and the flat shape and normalises both to { event_name, message }", () => {
    const flat = parsed({ event_name: "message.text.received", message });
    const wrapped = parsed({ ok: true, result: { event_name: "message.text.received", message } });
    expect(wrapped).toEqual(flat);
    expect(Object.keys(flat)).toEqual(["event_name", "message"]);
    expect(flat).toMatchObject({
      event_name: "message.text.received",
      message: { text: "Xin chào", date: 1766619597466 },
    });
  });

  it("keeps extra fields, reads images, stickers and protected senders", () => {
    const image = parsed({
      event_name: "message.image.received",
      message: {
        ...message,
        text: undefined,
        photo_url: "https://cdn.zalo/p.jpg",
        caption: "biển số",
        extra: { a: 1 },
      },
    });
    expect(image.event_name === "message.image.received" && image.message).toMatchObject({
      photo_url: "https://cdn.zalo/p.jpg",
      caption: "biển số",
      extra: { a: 1 },
    });
    expect(
      parsed({ event_name: "message.sticker.received", message: { ...message, sticker: "abc", url: "https://s" } })
        .event_name,
    ).toBe("message.sticker.received");
    const { text: _text, ...bare } = message;
    expect(parsed({ event_name: "message.unsupported.received", message: bare }).event_name).toBe(
      "message.unsupported.received",
    );
  });

  it("parses unknown event names into an update callers can ignore", () => {
    const update = parsed({ event_name: "message.location.received", message: { anything: true } });
    expect(update).toEqual({
      event_name: "unknown",
      original_event_name: "message.location.received",
      message: { anything: true },
    });
    expect(isKnownZaloUpdate(update)).toBe(false);
    expect(isKnownZaloUpdate(parsed({ event_name: "message.text.received", message }))).toBe(true);
    // Zalo's newer docs add voice messages: known now.
    expect(
      parsed({ event_name: "message.voice.received", message: { ...message, voice: "https://v.zadn.vn/a.aac" } })
        .event_name,
    ).toBe("message.voice.received");
  });

  it("is strict about types and says which field is wrong", () => {
    const numericId = parseZaloUpdate({ event_name: "message.text.received", message: { ...message, message_id: 42 } });
    expect(numericId.ok).toBe(false);
    expect(!numericId.ok && numericId.error).toContain("message.message_id");
    const badChat = parseZaloUpdate({
      event_name: "message.text.received",
      message: { ...message, chat: { id: "x", chat_type: "CHANNEL" } },
    });
    expect(!badChat.ok && badChat.error).toContain("message.chat.chat_type");
    expect(parseZaloUpdate({ event_name: "message.text.received", message: { ...message, text: undefined } }).ok).toBe(
      false,
    );
    expect(parseZaloUpdate("nonsense").ok).toBe(false);
    const envelope = parseZaloUpdate({ ok: false, error_code: 408, description: "Request timeout" });
    expect(!envelope.ok && envelope.error).toContain("408 Request timeout");
  });

  it("gives dates in Unix milliseconds, converting a value that can only be seconds", () => {
    expect(parsed({ event_name: "message.text.received", message }).message).toMatchObject({ date: 1766619597466 });
    expect(
      parsed({ event_name: "message.text.received", message: { ...message, date: 1766619597 } }).message,
    ).toMatchObject({ date: 1766619597000 });
  });

  it("infers a missing event_name from the content (the documented getUpdates sample has none)", () => {
    expect(parsed({ ok: true, result: { message } }).event_name).toBe("message.text.received");
  });

  it("never fails on an odd extra field (Zalo documents no quoted-message field)", () => {
    const odd = parsed({ event_name: "message.text.received", message: { ...message, quote_message_id: { id: 1 } } });
    expect(odd.event_name === "message.text.received" && odd.message.text).toBe(message.text);
  });

  it("reads an unsupported event that carries no message at all", () => {
    expect(parsed({ event_name: "message.unsupported.received" })).toEqual({
      event_name: "message.unsupported.received",
    });
  });
});
