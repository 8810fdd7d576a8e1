/**
 * Admin page for invites: make one for a role and an area (`/moi`), list the pending ones of one's
 * areas and withdraw any (`/huymoi`) — the chat's commands, with their rules and audit entries.
 */
import { formatDateTime } from "../../core/time.js";
import { listAdminAreas, listPendingInvites } from "../../modules/console/admin-scope.js";
import type { Route } from "../server.js";
import { adminOnly, oneWord, runAdminCommand } from "./admin-guard.js";
import type { AdminHttpDeps } from "./console-http-deps.js";
import { adminNav, INVITE_ROLES, inviteForm } from "./admin-parts.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html } from "./html.js";
import { csrfField, layout } from "./layout.js";
import { page, redirect } from "./security.js";

export function adminInviteRoutes(deps: ConsoleHttpDeps, admin: AdminHttpDeps): Route[] {
  const access = deps.console.access;
  return [
    {
      method: "GET",
      path: "/console/admin/invites",
      handler: adminOnly(deps, async (a) => {
        const { tr, session } = a.page;
        const now = deps.console.clock.now();
        const areas = (await listAdminAreas({ access, reader: admin.reader, session })) ?? [];
        const invites = (await listPendingInvites({ access, reader: admin.reader, session, now })) ?? [];
        const at = (d: Date) => formatDateTime(d, session.locale, deps.console.settings.timeZone);
        const body = html`${adminNav(a, "invites")}
          <h2>${tr("console:invites.create")}</h2>
          <p>${tr("console:invites.hint")}</p>
          ${inviteForm(a, areas, undefined)}
          <h2>${tr("console:invites.pending")}</h2>
          ${
            invites.length === 0
              ? html`<p>${tr("console:invites.none")}</p>`
              : html`<table>
                  <caption>
                    ${tr("console:invites.caption", { count: invites.length })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${tr("console:invites.code")}</th>
                      <th scope="col">${tr("console:adminAreas.role")}</th>
                      <th scope="col">${tr("console:tip.area")}</th>
                      <th scope="col" class="opt">${tr("console:invites.expires")}</th>
                      <th scope="col">${tr("console:admin.action")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${invites.map(
                      (i) =>
                        html`<tr>
                          <td><code>${i.code}</code></td>
                          <td>${tr(`common:role.${i.role}`)}</td>
                          <td>${i.areaName} (<code>${i.areaCode}</code>)</td>
                          <td class="opt">${at(i.expiresAt)}</td>
                          <td>
                            <form method="post" action="/console/admin/invites/cancel">
                              ${csrfField(a.page.token)}<input type="hidden" name="code" value="${i.code}" /><button
                                class="secondary"
                                aria-label="${tr("console:invites.cancelLabel", { code: i.code })}"
                              >
                                ${tr("console:invites.cancel")}
                              </button>
                            </form>
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }`;
        return page(200, layout({ page: a.page, title: tr("console:invites.title"), current: "admin", body }));
      }),
    },
    {
      method: "POST",
      path: "/console/admin/invites",
      handler: adminOnly(deps, async (a) => {
        const role = a.form.get("role") ?? "";
        const area = oneWord(a.form.get("area"));
        const known = (INVITE_ROLES as readonly string[]).includes(role);
        await runAdminCommand(deps, a, { name: "moi", args: known && area ? `${role} ${area}` : "" });
        const back = oneWord(a.form.get("back"));
        return redirect(back ? `/console/admin/areas/${encodeURIComponent(back)}` : "/console/admin/invites");
      }),
    },
    {
      method: "POST",
      path: "/console/admin/invites/cancel",
      handler: adminOnly(deps, async (a) => {
        await runAdminCommand(deps, a, { name: "huymoi", args: oneWord(a.form.get("code")) });
        return redirect("/console/admin/invites");
      }),
    },
  ];
}
