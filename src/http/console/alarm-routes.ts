/**
 * A resident's alarm in the console: its state, who answered, the groups and responders it reached,
 * and the responders' buttons of the chat (going, false alarm, bar the caller, ward gong) through
 * the same use cases. Officers of the alarm's area only.
 */
import { formatDateTime } from "../../core/time.js";
import { alarmId } from "../../modules/alarms/types.js";
import { runAlarmAction, type AlarmAction } from "../../modules/console/run-alarm-action.js";
import { showConsoleAlarm } from "../../modules/console/show-console-alarm.js";
import { wardAlertOffer } from "../../modules/console/ward-alert-offer.js";
import type { HttpResponse, Route } from "../server.js";
import { authed, type AuthedRequest } from "./authed.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html, type SafeHtml } from "./html.js";
import { csrfField, layout } from "./layout.js";
import { page, redirect } from "./security.js";

export function alarmRoutes(deps: ConsoleHttpDeps): Route[] {
  const both = { console: deps.console, alarms: deps.alarmDeps };
  const notFound = (a: AuthedRequest): HttpResponse =>
    page(
      404,
      layout({
        page: a.page,
        title: a.page.tr("console:nav.alerts"),
        current: "alerts",
        body: html`<p>${a.page.tr("console:alarm.notFound")}</p>`,
      }),
    );
  const guard = (handler: (a: AuthedRequest, id: number) => Promise<HttpResponse>) =>
    authed(deps, (a) => {
      const id = Number(/^B?(\d{1,9})$/i.exec(a.request.params.id ?? "")?.[1]);
      return a.page.sections.includes("alerts") && id > 0 ? handler(a, id) : notFound(a);
    });
  return [
    {
      method: "GET",
      path: "/console/alarms/:id",
      handler: guard(async (a, id) => {
        const { tr, session } = a.page;
        const shown = await showConsoleAlarm({ deps: deps.alarmDeps, reader: deps.alarmDetails, session, id });
        if (!shown) return notFound(a);
        const { alarm, details } = shown;
        const at = (d: Date | null) => (d ? formatDateTime(d, session.locale, deps.console.settings.timeZone) : "—");
        const live = alarm.state === "open" || alarm.state === "answered";
        const offer = live ? await wardAlertOffer({ deps: both, session, id }) : null;
        const button = (kind: string, label: SafeHtml, secondary = false) =>
          html`<form method="post" action="/console/alarms/${alarm.id}/${kind}">
            ${csrfField(a.page.token)}<button ${secondary ? html`class="secondary"` : ""}>${label}</button>
          </form>`;
        const state = (s: string) => tr(`console:alarm.delivery.${s}`);
        const body = html`<p><a href="/console/alerts">${tr("console:alerts.back")}</a></p>
          <dl class="facts">
            <dt>${tr("console:tip.status")}</dt>
            <dd>${tr(`console:alarms.state.${alarm.state}`)}</dd>
            <dt>${tr("console:inbox.category")}</dt>
            <dd>${alarm.category ? tr(`alarms:category.${alarm.category}`) : "—"}</dd>
            <dt>${tr("console:tip.area")}</dt>
            <dd>${alarm.areaName} (<code>${alarm.areaCode}</code>)</dd>
            <dt>${tr("console:alarm.group")}</dt>
            <dd>${alarm.chatTitle ?? "—"}</dd>
            <dt>${tr("console:alarms.raised")}</dt>
            <dd>${at(alarm.raisedAt)}</dd>
            <dt>${tr("console:alarm.firstResponse")}</dt>
            <dd>${at(alarm.firstResponseAt)}</dd>
            <dt>${tr("console:alarm.closed")}</dt>
            <dd>${at(alarm.closedAt)}${details.closedBy ? html` · ${details.closedBy}` : ""}</dd>
            <dt>${tr("console:alarm.escalations")}</dt>
            <dd>${alarm.escalations}</dd>
          </dl>
          ${alarm.text ? html`<div class="text">${alarm.text}</div>` : ""}
          <h2>${tr("console:alarm.going")}</h2>
          ${
            details.going.length > 0
              ? html`<ul>
                  ${details.going.map((name) => html`<li>${name}</li>`)}
                </ul>`
              : html`<p>${tr("console:alarm.nobodyGoing")}</p>`
          }
          <table>
            <caption>
              ${tr("console:alarm.groups", { count: details.groups.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">${tr("console:alarm.group")}</th>
                <th scope="col">${tr("console:tip.status")}</th>
              </tr>
            </thead>
            <tbody>
              ${details.groups.map(
                (g) =>
                  html`<tr>
                    <td>${g.title}</td>
                    <td>${state(g.state)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          <table>
            <caption>
              ${tr("console:alarm.responders", { count: details.responders.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">${tr("console:adminAreas.person")}</th>
                <th scope="col">${tr("console:alarm.level")}</th>
                <th scope="col">${tr("console:tip.status")}</th>
              </tr>
            </thead>
            <tbody>
              ${details.responders.map(
                (r) =>
                  html`<tr>
                    <td>${r.name}</td>
                    <td>${r.level}</td>
                    <td>${state(r.state)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          <h2>${tr("console:alarm.actions")}</h2>
          <div class="actions">
            ${alarm.state === "false_alarm" ? "" : button("going", tr("alarms:button.going"))}
            ${live ? button("false", tr("alarms:button.falseAlarm"), true) : ""}
            ${button("bar", tr("alarms:button.bar"), true)}
          </div>
          ${
            offer
              ? html`<h2>${tr("console:alarm.ward", { area: offer.areaName })}</h2>
                  <form class="stack" method="post" action="/console/alarms/${alarm.id}/ward">
                    ${csrfField(a.page.token)}
                    <label
                      >${tr("console:alerts.text")}<textarea name="text" rows="5" cols="50" required maxlength="2000">
${offer.text}</textarea>
                    </label>
                    <label
                      ><input type="checkbox" name="confirm" value="yes" required />
                      ${tr("console:alerts.confirm")}</label
                    >
                    <p><button>${tr("alarms:button.toWardAlert")}</button></p>
                  </form>`
              : ""
          }`;
        return page(
          200,
          layout({ page: a.page, title: html`${alarmId(alarm.id)} · ${alarm.areaName}`, current: "alerts", body }),
        );
      }),
    },
    {
      method: "POST",
      path: "/console/alarms/:id/:kind",
      handler: guard(async (a, id) => {
        const kind = a.request.params.kind;
        const text = (a.form.get("text") ?? "").trim();
        const action: AlarmAction | undefined =
          kind === "going" || kind === "false" || kind === "bar"
            ? { kind, id }
            : kind === "ward" && text && a.form.get("confirm") === "yes"
              ? { kind, id, text }
              : undefined;
        if (action) {
          const notices = await runAlarmAction({ deps: both, session: a.page.session, action });
          await deps.console.sessions.addNotices({ id: a.page.session.id, notices });
        }
        return redirect(`/console/alarms/${id}`);
      }),
    },
  ];
}
