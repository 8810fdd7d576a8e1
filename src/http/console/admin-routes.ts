/**
 * The coverage report (`/baocao`) and, for admins, the audit log (areas, role holders and invites
 * have pages of their own: admin-area-routes.ts, admin-invite-routes.ts).
 */
import type { CommandSpec } from "../../core/commands.js";
import { formatDateTime } from "../../core/time.js";
import { listAuditLog, type AuditReader } from "../../modules/console/list-audit-log.js";
import { runChatCommand } from "../../modules/console/run-chat-command.js";
import type { Route } from "../server.js";
import { authed } from "./authed.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html, SafeHtml } from "./html.js";
import { layout } from "./layout.js";
import { page } from "./security.js";
import { adminNav } from "./admin-parts.js";

export function adminRoutes(
  deps: ConsoleHttpDeps,
  commands: () => readonly CommandSpec[],
  audit: AuditReader,
): Route[] {
  const c = deps.console;
  return [
    {
      method: "GET",
      path: "/console/coverage",
      handler: authed(deps, async (a) => {
        const { tr } = a.page;
        const area = a.request.query.get("area") ?? "";
        // `/baocao` itself: its area rule (officer or admin there) and its text.
        const notices = await runChatCommand({
          deps: c,
          commands: commands(),
          session: a.page.session,
          name: "baocao",
          args: area,
          // A page view, not a form: nothing it enqueues can be sent twice.
          submission: undefined,
        });
        const body = html`<form class="filters" method="get" action="/console/coverage">
            <label>${tr("console:inbox.area")}<input name="area" value="${area}" size="20" /></label
            ><button>${tr("console:stats.show")}</button>
          </form>
          ${notices.map((n) => html`<div class="figures${n.alert ? " notice alert" : ""}">${new SafeHtml(n.html)}</div>`)}`;
        return page(200, layout({ page: a.page, title: tr("console:nav.coverage"), current: "coverage", body }));
      }),
    },
    {
      method: "GET",
      path: "/console/admin",
      handler: authed(deps, async (a) => {
        const { tr, session } = a.page;
        const entries = await listAuditLog({ access: c.access, reader: audit, session });
        if (!entries)
          return page(
            403,
            layout({
              page: a.page,
              title: tr("console:nav.admin"),
              current: "admin",
              body: html`<p>${tr("console:admin.forbidden")}</p>`,
            }),
          );
        const at = (d: Date) => formatDateTime(d, session.locale, c.settings.timeZone);
        const body = html`${adminNav(a, "audit")}
          <table>
            <caption>
              ${tr("console:admin.audit")}
            </caption>
            <thead>
              <tr>
                <th scope="col">${tr("console:admin.at")}</th>
                <th scope="col">${tr("console:admin.action")}</th>
                <th scope="col">${tr("console:admin.actor")}</th>
                <th scope="col" class="opt">${tr("console:tip.area")}</th>
                <th scope="col">${tr("console:admin.subject")}</th>
              </tr>
            </thead>
            <tbody>
              ${entries.map(
                (e) =>
                  html`<tr>
                    <td>${at(e.at)}</td>
                    <td><code>${e.action}</code></td>
                    <td>${e.actor ?? "—"}</td>
                    <td class="opt">${e.area ?? "—"}</td>
                    <td>${e.subject ?? ""}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`;
        return page(200, layout({ page: a.page, title: tr("console:nav.admin"), current: "admin", body }));
      }),
    },
  ];
}
