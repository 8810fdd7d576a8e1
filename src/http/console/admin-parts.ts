/** Pieces the admin pages share: their own navigation and the invite form. */
import type { AuthedRequest } from "./authed.js";
import { html, type SafeHtml } from "./html.js";
import { csrfField } from "./layout.js";

/** Roles an admin may invite (`/moi`'s words; a counsellor only for a school, as `/moi` says). */
export const INVITE_ROLES = ["officer", "propagandist", "admin", "guard", "relay", "counsellor"] as const;

/** The invite form, for a chosen area or a list of them. */
export function inviteForm(
  a: AuthedRequest,
  areas: readonly { code: string; name: string }[],
  back: string | undefined,
): SafeHtml {
  const { tr } = a.page;
  return html`<form class="filters" method="post" action="/console/admin/invites">
    ${csrfField(a.page.token)}${back ? html`<input type="hidden" name="back" value="${back}" />` : ""}
    <label
      >${tr("console:adminAreas.role")}<select name="role">
        ${INVITE_ROLES.map((r) => html`<option value="${r}">${tr(`common:role.${r}`)}</option>`)}
      </select></label
    >
    <label
      >${tr("console:tip.area")}<select name="area">
        ${areas.map((ar) => html`<option value="${ar.code}">${ar.name} (${ar.code})</option>`)}
      </select></label
    >
    <button>${tr("console:invites.createButton")}</button>
  </form>`;
}

/** The admin section's own links: areas, invites, the audit log. */
export function adminNav(a: AuthedRequest, current: "areas" | "invites" | "audit") {
  const { tr } = a.page;
  const link = (key: "areas" | "invites" | "audit", href: string) =>
    html`<li>
      <a href="${href}" ${current === key ? html`aria-current="page"` : ""}>${tr(`console:adminNav.${key}`)}</a>
    </li>`;
  return html`<nav aria-label="${tr("console:adminNav.label")}">
    <ul class="subnav">
      ${link("areas", "/console/admin/areas")}${link("invites", "/console/admin/invites")}${link("audit", "/console/admin")}
    </ul>
  </nav>`;
}
