/**
 * The coverage report (`/baocao`) and, for admins, areas, role holders, invites (the admin commands
 * of the chat, run through the same table and handlers) and the audit log.
 */
import type { CommandSpec } from "../../core/commands.js";
import { formatDateTime } from "../../core/time.js";
import { listAuditLog, type AuditReader } from "../../modules/console/list-audit-log.js";
import { runChatCommand } from "../../modules/console/run-chat-command.js";
import type { Route } from "../server.js";
import { authed } from "./authed.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html, SafeHtml } from "./html.js";
import { csrfField, layout } from "./layout.js";
import { page, redirect } from "./security.js";

/** The chat's admin commands the page offers, as typed after the command (see README's table). */
export const ADMIN_COMMANDS = ["themkhuvuc", "suakhuvuc", "xoakhuvuc", "moi", "huymoi", "thanhvien", "thuhoi"] as const;

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
        const body = html`<p>${tr("console:admin.intro")}</p>
          <form class="filters" method="post" action="/console/admin/run">
            ${csrfField(a.page.token)}
            <label
              >${tr("console:admin.command")}<select name="command">
                ${ADMIN_COMMANDS.map((name) => html`<option value="${name}">/${name}</option>`)}
              </select></label
            >
            <label>${tr("console:admin.args")}<input name="args" size="40" autocomplete="off" /></label>
            <button>${tr("console:admin.run")}</button>
          </form>
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
    {
      method: "POST",
      path: "/console/admin/run",
      handler: authed(deps, async (a) => {
        const name = a.form.get("command") ?? "";
        if (!(ADMIN_COMMANDS as readonly string[]).includes(name)) return redirect("/console/admin");
        const notices = await runChatCommand({
          deps: c,
          commands: commands(),
          session: a.page.session,
          name,
          args: a.form.get("args") ?? "",
          submission: a.form.get("_form") ?? undefined,
        });
        await c.sessions.addNotices({ id: a.page.session.id, notices });
        return redirect("/console/admin");
      }),
    },
  ];
}
