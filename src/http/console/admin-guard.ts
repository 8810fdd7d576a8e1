/** What every admin page and action of the console shares: admins only, checked on the server; commands run as in chat. */
import { runChatCommand } from "../../modules/console/run-chat-command.js";
import type { HttpResponse, RouteHandler } from "../server.js";
import { authed, type AuthedRequest } from "./authed.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html } from "./html.js";
import { layout } from "./layout.js";
import { page } from "./security.js";

export function forbiddenAdmin(a: AuthedRequest): HttpResponse {
  return page(
    403,
    layout({
      page: a.page,
      title: a.page.tr("console:nav.admin"),
      current: "admin",
      body: html`<p>${a.page.tr("console:admin.forbidden")}</p>`,
    }),
  );
}

/** Admins only (any area: each use case checks its own area); others get 403 for a page and an action alike. */
export function adminOnly(deps: ConsoleHttpDeps, handler: (a: AuthedRequest) => Promise<HttpResponse>): RouteHandler {
  return authed(deps, (a) => (a.page.sections.includes("admin") ? handler(a) : forbiddenAdmin(a)));
}

/** Runs one of the chat's admin commands with the console's user; its replies become the next page's notices. */
export async function runAdminCommand(
  deps: ConsoleHttpDeps,
  a: AuthedRequest,
  command: { name: string; args: string },
): Promise<void> {
  const notices = await runChatCommand({
    deps: deps.console,
    commands: deps.commands(),
    session: a.page.session,
    name: command.name,
    args: command.args,
  });
  await deps.console.sessions.addNotices({ id: a.page.session.id, notices });
}

/** One word of a form (an area code, an invite code): whitespace would split the command's arguments. */
export const oneWord = (value: string | null): string => (value ?? "").trim().split(/\s+/)[0] ?? "";

/** Free text of a form on one line (an area's name or unit). */
export const oneLine = (value: string | null): string => (value ?? "").replace(/\s+/g, " ").trim();
