/**
 * The web chat's JSON API (`/sandbox/api/*`): the state of the pre-made world, and what a persona
 * does in it — write, press a button, share a location or a photo — turned into Telegram updates
 * by the local Bot API server, exactly as if a person did it in a Telegram app.
 */
import { z } from "zod";
import { json, type HttpRequest, type HttpResponse, type Route } from "../http/server.js";
import type { AdminPanel } from "./admin-panel.js";
import type { FakeTelegramServer, FakeUserInput, Update } from "./fake-telegram/index.js";
import type { LiveEvents } from "./live-events.js";
import { canUseChat, findPersona, PERSONAS, SANDBOX_GROUPS, type Persona } from "./personas.js";
import { personaUser } from "./seed-sandbox.js";
import { chatTranscript, userMessageView } from "./transcript.js";
import { bundledImages, readBundledImage } from "./web-assets.js";

/** What the API needs from the running app. */
export interface SandboxBackend {
  readonly admin: AdminPanel;
  /** Command names the bot answers, so the page suggests only those. */
  readonly commands: readonly string[];
}

export interface WebApiDeps {
  readonly fake: FakeTelegramServer;
  readonly live: LiveEvents;
  /** Settles once the app runs and the database is seeded; requests wait for it. */
  readonly ready: Promise<SandboxBackend>;
}

/** Hoàn Kiếm, Hà Nội: where "share my location" puts a persona unless the page says otherwise. */
const DEMO_LOCATION = { latitude: 21.0285, longitude: 105.8542 };

const MAX_MESSAGES_PER_CHAT = 300;

const actor = { persona: z.number().int().positive(), chat: z.number().int() };
const SendBody = z.object({
  ...actor,
  text: z.string().trim().min(1).max(4096),
  replyTo: z.number().int().positive().optional(),
});
/** A `?startgroup=` link opened by a persona, who picked one of their groups. */
const StartGroupBody = z.object({ ...actor, payload: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const PressBody = z.object({ ...actor, message: z.number().int().positive(), data: z.string().min(1).max(64) });
const LocationBody = z.object({
  ...actor,
  latitude: z.number().min(-90).max(90).default(DEMO_LOCATION.latitude),
  longitude: z.number().min(-180).max(180).default(DEMO_LOCATION.longitude),
});
const PhotoBody = z.object({
  ...actor,
  image: z.string().regex(/^[a-z0-9-]{1,40}$/),
  caption: z.string().trim().max(1024).optional(),
});

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Parses a JSON body with a schema; requires the JSON content type, which a cross-site form cannot send. */
function parseBody<T>(request: HttpRequest, schema: z.ZodType<T>): T {
  if (!(request.headers["content-type"] ?? "").startsWith("application/json"))
    throw new BadRequest("expected application/json", 415);
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString("utf8"));
  } catch {
    throw new BadRequest("body is not JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new BadRequest(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; "),
    );
  return parsed.data;
}

/** The persona doing something, checked to be in the chat they act in. */
function actingPersona(body: { persona: number; chat: number }): Persona {
  const persona = findPersona(body.persona);
  if (persona === undefined) throw new BadRequest(`no persona ${body.persona}`);
  if (!canUseChat(persona, body.chat)) throw new BadRequest(`${persona.name} is not in chat ${body.chat}`, 403);
  return persona;
}

function handle(run: (request: HttpRequest) => Promise<HttpResponse> | HttpResponse): Route["handler"] {
  return async (request) => {
    try {
      return await run(request);
    } catch (error) {
      if (error instanceof BadRequest) return json(error.status, { error: error.message });
      throw error;
    }
  };
}

/** Image bytes are served with the type their first bytes say, whatever name they were sent with. */
function imageType(bytes: Buffer): string {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image/jpeg";
  return "application/octet-stream";
}

/** `/sandbox/api/*`: state, send, press, location, photo, files and the admin panel's data. */
export function webApiRoutes(deps: WebApiDeps): Route[] {
  const { fake, live } = deps;

  /** Publishes and returns the message a persona just sent. */
  const sent = (update: Update): HttpResponse => {
    if (update.message === undefined) return json(500, { error: "no message in update" });
    const message = userMessageView(fake, update.message);
    live.publish({ type: "message", message });
    return json(200, { message });
  };

  const state = (backend: SandboxBackend): HttpResponse => {
    const groups = SANDBOX_GROUPS.map((group) => ({
      id: group.id,
      kind: "group",
      title: group.title,
      members: PERSONAS.filter((p) => p.groups.includes(group.id)).map((p) => p.id),
    }));
    const privates = PERSONAS.map((persona) => ({
      id: persona.id,
      kind: "private",
      title: fake.bot.first_name,
      members: [persona.id],
    }));
    const chats = [...groups, ...privates];
    return json(200, {
      bot: { name: fake.bot.first_name, username: fake.bot.username ?? "" },
      personas: PERSONAS.map(({ id, name, role, groups: inGroups }) => ({ id, name, role, groups: inGroups })),
      chats,
      // The latest messages only: a long session should not make every page load heavier.
      messages: Object.fromEntries(
        chats.map((chat) => [chat.id, chatTranscript(fake, chat.id).slice(-MAX_MESSAGES_PER_CHAT)]),
      ),
      images: bundledImages().map(({ name, url }) => ({ name, url })),
      commands: backend.commands,
      capFeed: "/cap/alerts.xml",
    });
  };

  /** A POST route where a persona does something in one of their chats. */
  const action = <T extends { persona: number; chat: number }>(
    path: string,
    schema: z.ZodType<T>,
    run: (body: T, from: FakeUserInput) => Promise<HttpResponse> | HttpResponse,
  ): Route => ({
    method: "POST",
    path,
    handler: handle(async (request) => {
      await deps.ready;
      const body = parseBody(request, schema);
      return run(body, personaUser(actingPersona(body)));
    }),
  });

  return [
    { method: "GET", path: "/sandbox/api/state", handler: handle(async () => state(await deps.ready)) },
    action("/sandbox/api/send", SendBody, (body, from) => {
      const { replyTo } = body;
      if (replyTo !== undefined && !chatTranscript(fake, body.chat).some((m) => m.id === replyTo))
        throw new BadRequest("the message to reply to is gone");
      return sent(
        fake.sendText({ chatId: body.chat, from, text: body.text, ...(replyTo !== undefined ? { replyTo } : {}) }),
      );
    }),
    action("/sandbox/api/press", PressBody, (body, from) => {
      const target = fake.messagesIn(body.chat).find((m) => m.messageId === body.message);
      // Like a Telegram app: only a button that is on the message now can be pressed.
      if (!target?.buttons.some((button) => button.callback_data === body.data))
        throw new BadRequest("that button is no longer there", 409);
      fake.pressButton({ chatId: body.chat, from, messageId: body.message, data: body.data });
      return json(200, { ok: true });
    }),
    action("/sandbox/api/startgroup", StartGroupBody, (body, from) =>
      sent(fake.startGroupLink({ chatId: body.chat, by: from, payload: body.payload })),
    ),
    action("/sandbox/api/location", LocationBody, (body, from) =>
      sent(fake.sendLocation({ chatId: body.chat, from, latitude: body.latitude, longitude: body.longitude })),
    ),
    action("/sandbox/api/photo", PhotoBody, async (body, from) => {
      const bytes = await readBundledImage(body.image);
      if (bytes === undefined) throw new BadRequest(`no bundled image "${body.image}"`);
      return sent(
        fake.sendPhoto({ chatId: body.chat, from, bytes, ...(body.caption ? { caption: body.caption } : {}) }),
      );
    }),
    {
      method: "GET",
      path: "/sandbox/api/files/:id",
      handler: ({ params }): HttpResponse => {
        const id = params["id"] ?? "";
        const bytes = /^[A-Za-z0-9_-]{1,128}$/.test(id) ? fake.fileBytes(id) : undefined;
        if (bytes === undefined || bytes.length === 0)
          return { status: 404, headers: { "content-type": "text/plain" }, body: "no such file" };
        return {
          status: 200,
          headers: {
            "content-type": imageType(bytes),
            "cache-control": "private, max-age=86400",
            "x-content-type-options": "nosniff",
          },
          body: bytes,
        };
      },
    },
    {
      method: "GET",
      path: "/sandbox/api/admin",
      handler: handle(async () => json(200, await (await deps.ready).admin.snapshot())),
    },
  ];
}
