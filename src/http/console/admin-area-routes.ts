/**
 * Admin pages for areas: the tree of the areas one administers (add, rename, remove), and an area's
 * page (its fields, role holders with «Thu hồi», an invite for it). Every change is the chat's own
 * command or use case (`/themkhuvuc`, `/suakhuvuc`, `/xoakhuvuc`, `/thuhoi`'s revocation, `/moi`).
 */
import { t } from "../../core/text.js";
import { AREA_KINDS } from "../../modules/areas/area-kind.js";
import { normaliseAreaCode } from "../../modules/areas/area-code.js";
import { holderName } from "../../modules/areas/holder-name.js";
import { listAdminAreas } from "../../modules/console/admin-scope.js";
import { revokeConsoleRole } from "../../modules/console/revoke-console-role.js";
import type { Route } from "../server.js";
import { adminOnly, oneLine, oneWord, runAdminCommand } from "./admin-guard.js";
import type { AdminHttpDeps } from "./console-http-deps.js";
import type { AuthedRequest } from "./authed.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html } from "./html.js";
import { adminNav, inviteForm } from "./admin-parts.js";
import { csrfField, layout } from "./layout.js";
import { page, redirect } from "./security.js";

const EDIT_FIELDS = ["ten", "donvi", "sdt", "loai", "diachi"] as const;

export function adminAreaRoutes(deps: ConsoleHttpDeps, admin: AdminHttpDeps): Route[] {
  const access = deps.console.access;
  const areaPath = (code: string) => `/console/admin/areas/${encodeURIComponent(code)}`;
  const notFound = (a: AuthedRequest) =>
    page(
      404,
      layout({
        page: a.page,
        title: a.page.tr("console:nav.admin"),
        current: "admin",
        body: html`<p>${a.page.tr("console:adminAreas.notFound")}</p>`,
      }),
    );
  return [
    {
      method: "GET",
      path: "/console/admin/areas",
      handler: adminOnly(deps, async (a) => {
        const { tr, session } = a.page;
        const areas = (await listAdminAreas({ access, reader: admin.reader, session })) ?? [];
        const base = Math.min(...areas.map((ar) => ar.code.split(".").length));
        const rows = areas.map((ar) => {
          const depth = ar.code.split(".").length - base;
          return html`<tr>
            <td><code>${ar.code}</code></td>
            <td><span class="indent">${"· ".repeat(depth)}</span><a href="${areaPath(ar.code)}">${ar.name}</a></td>
            <td class="opt">${ar.kind ? tr(`areas:kind.${ar.kind}`) : "—"}</td>
            <td>
              <form method="post" action="${areaPath(ar.code)}/remove">
                ${csrfField(a.page.token)}<button
                  class="secondary"
                  aria-label="${tr("console:adminAreas.removeLabel", { area: ar.name })}"
                >
                  ${tr("console:adminAreas.remove")}
                </button>
              </form>
            </td>
          </tr>`;
        });
        const body = html`${adminNav(a, "areas")}
          <table>
            <caption>
              ${tr("console:adminAreas.caption", { count: areas.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">${tr("console:adminAreas.code")}</th>
                <th scope="col">${tr("console:adminAreas.name")}</th>
                <th scope="col" class="opt">${tr("console:adminAreas.kind")}</th>
                <th scope="col">${tr("console:admin.action")}</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
          <h2>${tr("console:adminAreas.add")}</h2>
          <p>${tr("console:adminAreas.addHint")}</p>
          <form class="stack" method="post" action="/console/admin/areas">
            ${csrfField(a.page.token)}
            <label>${tr("console:adminAreas.code")}<input name="code" required size="30" autocomplete="off" /></label>
            <label>${tr("console:adminAreas.name")}<input name="name" required size="40" maxlength="120" /></label>
            <label
              >${tr("console:adminAreas.kind")}<select name="kind">
                <option value="">${tr("console:adminAreas.kindFromName")}</option>
                ${AREA_KINDS.map((k) => html`<option value="${k}">${tr(`areas:kind.${k}`)}</option>`)}
              </select></label
            >
            <p><button>${tr("console:adminAreas.addButton")}</button></p>
          </form>`;
        return page(200, layout({ page: a.page, title: tr("console:adminAreas.title"), current: "admin", body }));
      }),
    },
    {
      method: "POST",
      path: "/console/admin/areas",
      handler: adminOnly(deps, async (a) => {
        const code = oneWord(a.form.get("code"));
        const name = oneLine(a.form.get("name"));
        const kind = a.form.get("kind") ?? "";
        const typed = (AREA_KINDS as readonly string[]).includes(kind) ? ` --loai ${kind}` : "";
        await runAdminCommand(deps, a, { name: "themkhuvuc", args: code && name ? `${code} ${name}${typed}` : "" });
        return redirect("/console/admin/areas");
      }),
    },
    {
      method: "GET",
      path: "/console/admin/areas/:code",
      handler: adminOnly(deps, async (a) => {
        const { tr, session } = a.page;
        const area = await admin.areas.areas.findArea(normaliseAreaCode(a.request.params.code ?? ""));
        // An area outside one's own reads as unknown, as `/thanhvien` refuses it.
        if (!area || !(await access.holds(session.user, "admin", area.code))) return notFound(a);
        const holders = await admin.areas.areas.listRoleHolders(area.code);
        const value = (v: string | null) => v ?? "—";
        const body = html`${adminNav(a, "areas")}
          <dl class="facts">
            <dt>${tr("console:adminAreas.code")}</dt>
            <dd><code>${area.code}</code></dd>
            <dt>${tr("console:adminAreas.kind")}</dt>
            <dd>${area.kind ? tr(`areas:kind.${area.kind}`) : "—"}</dd>
            <dt>${tr("console:adminAreas.fields.donvi")}</dt>
            <dd>${value(area.unitName)}</dd>
            <dt>${tr("console:adminAreas.fields.sdt")}</dt>
            <dd>${value(area.phone)}</dd>
            <dt>${tr("console:adminAreas.fields.diachi")}</dt>
            <dd>${value(area.address)}</dd>
          </dl>
          <h2>${tr("console:adminAreas.edit")}</h2>
          <form class="filters" method="post" action="${areaPath(area.code)}/edit">
            ${csrfField(a.page.token)}
            <label
              >${tr("console:adminAreas.field")}<select name="field">
                ${EDIT_FIELDS.map((f) => html`<option value="${f}">${tr(`console:adminAreas.fields.${f}`)}</option>`)}
              </select></label
            >
            <label>${tr("console:adminAreas.value")}<input name="value" required size="40" maxlength="200" /></label>
            <button>${tr("console:adminAreas.save")}</button>
          </form>
          <p>${tr("console:adminAreas.clearHint")}</p>
          <h2>${tr("console:adminAreas.holders")}</h2>
          ${
            holders.length === 0
              ? html`<p>${tr("console:adminAreas.noHolders")}</p>`
              : html`<table>
                  <caption>
                    ${tr("console:adminAreas.holdersCaption", { count: holders.length })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${tr("console:adminAreas.person")}</th>
                      <th scope="col">${tr("console:adminAreas.role")}</th>
                      <th scope="col">${tr("console:tip.area")}</th>
                      <th scope="col">${tr("console:admin.action")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${holders.map(
                      (h) =>
                        html`<tr>
                          <td>${holderName(h.holder)}</td>
                          <td>${tr(`common:role.${h.role}`)}</td>
                          <td>${h.area.name} (<code>${h.area.code}</code>)</td>
                          <td>
                            <form method="post" action="/console/admin/roles/${h.id}/revoke">
                              ${csrfField(a.page.token)}<input type="hidden" name="back" value="${area.code}" /><button
                                class="secondary"
                                aria-label="${tr("console:adminAreas.revokeLabel", {
                                  name: holderName(h.holder),
                                  role: t(`common:role.${h.role}`),
                                })}"
                              >
                                ${tr("console:adminAreas.revoke")}
                              </button>
                            </form>
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
          <h2>${tr("console:invites.create")}</h2>
          ${inviteForm(a, [{ code: area.code, name: area.name }], area.code)}`;
        return page(200, layout({ page: a.page, title: html`${area.name} (${area.code})`, current: "admin", body }));
      }),
    },
    {
      method: "POST",
      path: "/console/admin/areas/:code/:action",
      handler: adminOnly(deps, async (a) => {
        const code = oneWord(a.request.params.code ?? "");
        const action = a.request.params.action;
        if (action === "remove") {
          await runAdminCommand(deps, a, { name: "xoakhuvuc", args: code });
          return redirect("/console/admin/areas");
        }
        const field = a.form.get("field") ?? "";
        const value = oneLine(a.form.get("value"));
        if (action === "edit" && (EDIT_FIELDS as readonly string[]).includes(field) && value)
          await runAdminCommand(deps, a, { name: "suakhuvuc", args: `${code} ${field} ${value}` });
        return redirect(areaPath(code));
      }),
    },
    {
      method: "POST",
      path: "/console/admin/roles/:id/revoke",
      handler: adminOnly(deps, async (a) => {
        const roleId = Number(a.request.params.id);
        if (Number.isSafeInteger(roleId) && roleId > 0) {
          const notices = await revokeConsoleRole({
            deps: { console: deps.console, areas: admin.areas },
            session: a.page.session,
            roleId,
          });
          await deps.console.sessions.addNotices({ id: a.page.session.id, notices });
        }
        const back = oneWord(a.form.get("back"));
        return redirect(back ? areaPath(normaliseAreaCode(back)) : "/console/admin/areas");
      }),
    },
  ];
}
