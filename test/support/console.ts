/**
 * The officers' console (issue 21) over HTTP, as a browser would use it: ask the bot for a link in
 * the private chat, open it (the page, then its button's POST), and keep the session's cookie.
 */
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import type { Harness } from "./harness.js";
import { nextMatching, lastId } from "../tips/support.js";

export const LINK = /\/console\/open\/([A-Za-z0-9_-]{20,100})/;

export interface ConsoleClient {
  readonly base: string;
  readonly cookie: string;
  get(path: string): Promise<Response>;
  /** A form POST; `_csrf` is taken from the page at `from` unless given. */
  post(path: string, fields: Record<string, string>, options?: { csrf?: string | false }): Promise<Response>;
  /** The CSRF token of the session's pages. */
  csrf(): Promise<string>;
}

export const consoleBase = (h: Harness): string => `http://127.0.0.1:${h.app.httpPort ?? 0}`;

/** `/bangdieukhien` in the private chat; resolves with the link's token and the bot's message. */
export async function askForLink(h: Harness, user: FakeUserInput): Promise<{ token: string; text: string }> {
  const after = lastId(h, user.id);
  h.fake.sendText({ chatId: user.id, from: user, text: "/bangdieukhien" });
  const message = await nextMatching(h, user.id, after, /Bảng điều khiển|Console/);
  const token = LINK.exec(message.plainText)?.[1];
  if (!token) throw new Error(`no link in: ${message.plainText}`);
  return { token, text: message.plainText };
}

/** Opens a link's token: the POST its page's button makes. */
export function openLink(h: Harness, token: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${consoleBase(h)}/console/open`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ link: token }).toString(),
  });
}

export function clientFor(h: Harness, cookie: string): ConsoleClient {
  const base = consoleBase(h);
  const client: ConsoleClient = {
    base,
    cookie,
    get: (path) => fetch(`${base}${path}`, { redirect: "manual", headers: { cookie } }),
    async csrf() {
      const page = await (await client.get("/console/sessions")).text();
      const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
      if (!token) throw new Error("no CSRF field on the sessions page");
      return token;
    },
    async post(path, fields, options = {}) {
      const csrf = options.csrf === false ? undefined : (options.csrf ?? (await client.csrf()));
      return fetch(`${base}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...fields, ...(csrf ? { _csrf: csrf } : {}) }).toString(),
      });
    },
  };
  return client;
}

/** Signs a role holder in through the chat's link; resolves with a client holding the session cookie. */
export async function signIn(h: Harness, user: FakeUserInput): Promise<ConsoleClient> {
  const { token } = await askForLink(h, user);
  const response = await openLink(h, token);
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 303 || !cookie) throw new Error(`sign-in refused: ${response.status}`);
  return clientFor(h, cookie);
}
