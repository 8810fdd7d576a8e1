/**
 * Signing in and out: the link's page (a button, so a link preview that fetches it uses nothing),
 * the POST that uses it once, sign-out, the language, and the person's sessions.
 */
import { clientAddress } from "../loopback.js";
import type { Route } from "../server.js";
import { openConsoleSession } from "../../modules/console/open-console-session.js";
import { formatDateTime } from "../../core/time.js";
import { CONSOLE_CSS, CONSOLE_ICON, CONSOLE_JS } from "./assets.js";
import { authed } from "./authed.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html, type SafeHtml } from "./html.js";
import { barePage, csrfField, layout, translatorFor } from "./layout.js";
import {
  clearedCookie,
  CONSOLE_HEADERS,
  formOf,
  isHttps,
  page,
  redirect,
  sameOrigin,
  sessionCookie,
} from "./security.js";

/** Sign-in attempts per client per minute: a person needs one or two. */
export const OPEN_LIMIT = { max: 10, windowSeconds: 60 } as const;

const asset = (path: string, type: string, body: string): Route => ({
  method: "GET",
  path,
  handler: () => ({
    status: 200,
    headers: { ...CONSOLE_HEADERS, "cache-control": "max-age=300", "content-type": type },
    body,
  }),
});

export function sessionRoutes(deps: ConsoleHttpDeps): Route[] {
  const { console: c } = deps;
  const tr = translatorFor(c.translator, "vi");
  const limited = async (request: Parameters<typeof clientAddress>[0]) =>
    (await c.attempts.hit({ key: `console-open:${clientAddress(request)}`, ...OPEN_LIMIT })).allowed;
  const simple = (body: SafeHtml, status = 200) => page(status, barePage(tr, "vi", body));
  return [
    asset("/console/assets/console.css", "text/css; charset=utf-8", CONSOLE_CSS),
    asset("/console/assets/console.js", "text/javascript; charset=utf-8", CONSOLE_JS),
    asset("/console/assets/icon.svg", "image/svg+xml", CONSOLE_ICON),
    { method: "GET", path: "/console", handler: () => redirect("/console/tips") },
    {
      method: "GET",
      path: "/console/open/:token",
      handler: async (request) => {
        if (!(await limited(request))) return simple(html`<p>${tr("console:open.tooMany")}</p>`, 429);
        const token = request.params.token ?? "";
        return simple(
          html`<p>${tr("console:open.intro")}</p>
            <form method="post" action="/console/open">
              <input type="hidden" name="link" value="${token}" /><button>${tr("console:open.button")}</button>
            </form>`,
        );
      },
    },
    {
      method: "POST",
      path: "/console/open",
      handler: async (request) => {
        if (!(await limited(request))) return simple(html`<p>${tr("console:open.tooMany")}</p>`, 429);
        if (!sameOrigin(request)) return simple(html`<p>${tr("console:open.refused")}</p>`, 403);
        const opened = await openConsoleSession({ deps: c, linkToken: formOf(request.body).get("link") ?? "" });
        if (!opened.ok) return simple(html`<p>${tr("console:open.refused")}</p>`, 403);
        const cookie = sessionCookie(opened.token, {
          secure: isHttps(request, deps.publicBaseUrl),
          maxAgeSeconds: c.settings.sessionHours * 3600,
        });
        return redirect("/console/tips", { "set-cookie": cookie });
      },
    },
    {
      method: "POST",
      path: "/console/logout",
      handler: authed(deps, async ({ request, page: p }) => {
        await c.sessions.end({ userId: p.session.user.id, id: p.session.id, now: c.clock.now() });
        await c.audit.record({ actorUserId: p.session.user.id, action: "console.end", details: { sessions: 1 } });
        return {
          ...simple(html`<p>${p.tr("console:loggedOut")}</p>`),
          headers: {
            ...CONSOLE_HEADERS,
            "content-type": "text/html; charset=utf-8",
            "set-cookie": clearedCookie(isHttps(request, deps.publicBaseUrl)),
          },
        };
      }),
    },
    {
      method: "POST",
      path: "/console/lang",
      handler: authed(deps, async ({ form, page: p }) => {
        const locale = form.get("locale") === "en" ? "en" : "vi";
        await c.sessions.setLocale({ id: p.session.id, locale });
        return redirect("/console/sessions");
      }),
    },
    {
      method: "GET",
      path: "/console/sessions",
      handler: authed(deps, async ({ page: p }) => {
        const live = await c.sessions.listLive({ userId: p.session.user.id, now: c.clock.now() });
        const at = (d: Date | null) => (d ? formatDateTime(d, p.session.locale, c.settings.timeZone) : "—");
        const body = html`<p>${p.tr("console:sessions.webIntro")}</p>
          <table>
            <caption>
              ${p.tr("console:sessions.caption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">${p.tr("console:sessions.opened")}</th>
                <th scope="col">${p.tr("console:sessions.until")}</th>
                <th scope="col"><span class="skip">${p.tr("console:sessions.endLabel")}</span></th>
              </tr>
            </thead>
            <tbody>
              ${live.map(
                (s) =>
                  html`<tr>
                    <td>${s.id}${s.id === p.session.id ? html` (${p.tr("console:sessions.this")})` : ""}</td>
                    <td>${at(s.openedAt)}</td>
                    <td>${at(s.expiresAt)}</td>
                    <td>
                      <form method="post" action="/console/sessions/end">
                        ${csrfField(p.token)}<input type="hidden" name="id" value="${s.id}" /><button class="secondary">
                          ${p.tr("console:sessions.end", { id: s.id })}
                        </button>
                      </form>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`;
        return page(200, layout({ page: p, title: p.tr("console:nav.sessions"), current: "sessions", body }));
      }),
    },
    {
      method: "POST",
      path: "/console/sessions/end",
      handler: authed(deps, async ({ form, page: p }) => {
        const id = Number(form.get("id"));
        if (!Number.isInteger(id) || id <= 0) return redirect("/console/sessions");
        const ended = await c.sessions.end({ userId: p.session.user.id, id, now: c.clock.now() });
        if (ended > 0)
          await c.audit.record({ actorUserId: p.session.user.id, action: "console.end", details: { sessions: ended } });
        return redirect("/console/sessions");
      }),
    },
  ];
}
