/**
 * Every console page and action goes through here: the cookie's live session (or the signed-out
 * page), the CSRF token on every POST, the sections the person's roles open, and the notices the
 * last action left.
 */
import type { RoleName } from "../../core/actors.js";
import { findConsoleSession } from "../../modules/console/find-console-session.js";
import type { ConsoleSessionRecord } from "../../modules/console/types.js";
import type { HttpRequest, HttpResponse, RouteHandler } from "../server.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { signedOutPage, translatorFor, type ConsoleSection, type PageContext } from "./layout.js";
import { cookieToken, csrfValid, formOf, page, redirect, sameOrigin } from "./security.js";

export interface AuthedRequest {
  readonly request: HttpRequest;
  readonly page: PageContext;
  readonly form: URLSearchParams;
  readonly roles: ReadonlySet<RoleName>;
}

export type AuthedHandler = (input: AuthedRequest) => Promise<HttpResponse> | HttpResponse;

export function sectionsOf(roles: ReadonlySet<RoleName>, tipsOn: boolean): ConsoleSection[] {
  const sections: ConsoleSection[] = [];
  if (tipsOn && (roles.has("officer") || roles.has("counsellor"))) sections.push("tips");
  if (roles.has("officer")) sections.push("alerts", "stats", "coverage");
  if (roles.has("admin")) sections.push("admin");
  return sections;
}

export function authed(deps: ConsoleHttpDeps, handler: AuthedHandler): RouteHandler {
  const defaultTr = translatorFor(deps.console.translator, "vi");
  return async (request) => {
    const token = cookieToken(request);
    const session: ConsoleSessionRecord | null = await findConsoleSession({ deps: deps.console, token });
    if (!session || !token) return page(401, signedOutPage(defaultTr, "vi"));
    const tr = translatorFor(deps.console.translator, session.locale);
    const form = request.method === "POST" ? formOf(request.body) : new URLSearchParams();
    if (request.method === "POST" && (!csrfValid(form, token) || !sameOrigin(request)))
      return page(
        403,
        signedOutPage(tr, session.locale).replace(tr("console:signedOut").value, tr("console:csrf").value),
      );
    // A form sent twice (a double click, a resent POST) runs once: its id is claimed like an update.
    const submission = form.get("_form");
    if (
      request.method === "POST" &&
      submission &&
      !(await deps.submissions.claim(session.user.platform, `console:${session.id}:${submission}`))
    )
      return redirect(request.path.replace(/\/[^/]+$/, "") || "/console");
    const roles = await deps.console.access.roleNames(session.user);
    // Notices wait for the next page, not for a photo, a chart or a download it loads.
    const isPage = request.method === "GET" && !/(\.(csv|png)|\/files\/\d+|\/export)$/.test(request.path);
    const notices = isPage ? await deps.console.sessions.takeNotices(session.id) : [];
    return handler({
      request,
      form,
      roles,
      page: { session, token, tr, sections: sectionsOf(roles, deps.tips !== undefined), notices },
    });
  };
}
