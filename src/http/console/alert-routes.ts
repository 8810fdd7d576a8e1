/**
 * Alerts in the console: the list with states, an alert's page (`/tinhtrang`'s own text: delivered,
 * failed, pending, acknowledgements per group, relayed groups; its CAP document), and striking,
 * cancelling and resolving through the chat's use cases.
 */
import { formatDateTime } from "../../core/time.js";
import type { AlertDeps } from "../../modules/alerts/deps.js";
import { alertId, parseAlertId } from "../../modules/alerts/alert-message.js";
import { listConsoleAlarms, type AlarmRow } from "../../modules/console/list-console-alarms.js";
import { listConsoleAlerts } from "../../modules/console/list-console-alerts.js";
import { runAlertCommand, type AlertCommand } from "../../modules/console/run-alert-command.js";
import type { HttpResponse, Route } from "../server.js";
import { authed, type AuthedRequest } from "./authed.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html, SafeHtml } from "./html.js";
import { csrfField, layout } from "./layout.js";
import { page, redirect } from "./security.js";

const LEVELS = ["khan", "cao", "tb"] as const;

export function alertRoutes(deps: ConsoleHttpDeps, alerts: AlertDeps): Route[] {
  const timeZone = deps.console.settings.timeZone;
  const both = { console: deps.console, alerts };
  const refused = (a: AuthedRequest): HttpResponse =>
    page(
      403,
      layout({
        page: a.page,
        title: a.page.tr("console:nav.alerts"),
        current: "alerts",
        body: html`<p>${a.page.tr("console:alerts.forbidden")}</p>`,
      }),
    );
  const guard = (handler: (a: AuthedRequest) => Promise<HttpResponse>) =>
    authed(deps, (a) => (a.page.sections.includes("alerts") ? handler(a) : refused(a)));
  const run = async (a: AuthedRequest, command: AlertCommand) => {
    const notices = await runAlertCommand({
      deps: both,
      session: a.page.session,
      command,
      submission: a.form.get("_form") ?? undefined,
    });
    await deps.console.sessions.addNotices({ id: a.page.session.id, notices });
  };
  return [
    {
      method: "GET",
      path: "/console/alerts",
      handler: guard(async (a) => {
        const { tr, session } = a.page;
        const list = await listConsoleAlerts({ deps: alerts, session });
        const alarms = await listConsoleAlarms({
          access: alerts.access,
          reader: deps.alarms,
          session,
          now: deps.console.clock.now(),
        });
        const now = deps.console.clock.now();
        const areas = [
          ...new Map(
            (await alerts.access.grants(session.user))
              .filter((g) => g.role === "officer" || g.role === "admin")
              .map((g) => [g.area.code, g.area]),
          ).values(),
        ];
        const rows = list.map((alert) => {
          const state = alert.state === "active" && alert.expiresAt <= now ? "expired" : alert.state;
          return html`<tr>
            <td><a href="/console/alerts/${alert.id}">${alertId(alert.id)}</a></td>
            <td>${tr(`alerts:level.${alert.level}`)}</td>
            <td>${alert.areaName}</td>
            <td class="opt">${formatDateTime(alert.issuedAt, session.locale, timeZone)}</td>
            <td>${tr(`alerts:state.${state}`)}</td>
          </tr>`;
        });
        const body = html`${
            list.length > 0
              ? html`<table>
                  <caption>
                    ${tr("console:alerts.caption", { count: list.length })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${tr("console:alerts.id")}</th>
                      <th scope="col">${tr("console:alerts.level")}</th>
                      <th scope="col">${tr("console:tip.area")}</th>
                      <th scope="col" class="opt">${tr("console:alerts.issued")}</th>
                      <th scope="col">${tr("console:tip.status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows}
                  </tbody>
                </table>`
              : html`<p>${tr("console:alerts.none")}</p>`
          }
          ${alarmsTable(a, alarms, timeZone)}
          <h2>${tr("console:alerts.strike")}</h2>
          <p>${tr("console:alerts.strikeHint")}</p>
          <form class="stack" method="post" action="/console/alerts">
            ${csrfField(a.page.token)}
            <label
              >${tr("console:alerts.level")}<select name="level">
                ${LEVELS.map((l) => html`<option value="${l}" ${l === "cao" ? html` selected` : ""}>${tr(`alerts:level.${l}`)}</option>`)}
              </select></label
            >
            <label
              >${tr("console:tip.area")}<select name="area">
                ${areas.map((ar) => html`<option value="${ar.code}">${ar.name} (${ar.code})</option>`)}
              </select></label
            >
            <label
              >${tr("console:alerts.text")}<textarea
                name="text"
                rows="4"
                cols="50"
                required
                maxlength="2000"
              ></textarea>
            </label>
            <label><input type="checkbox" name="confirm" value="yes" required /> ${tr("console:alerts.confirm")}</label>
            <p><button>${tr("console:alerts.strikeButton")}</button></p>
          </form>`;
        return page(200, layout({ page: a.page, title: tr("console:nav.alerts"), current: "alerts", body }));
      }),
    },
    {
      method: "POST",
      path: "/console/alerts",
      handler: guard(async (a) => {
        const level = a.form.get("level") ?? "";
        const text = (a.form.get("text") ?? "").trim();
        if (a.form.get("confirm") === "yes" && text && (LEVELS as readonly string[]).includes(level))
          await run(a, {
            kind: "strike",
            level: level as (typeof LEVELS)[number],
            areaCode: a.form.get("area") ?? "",
            text,
          });
        return redirect("/console/alerts");
      }),
    },
    {
      method: "GET",
      path: "/console/alerts/:id",
      handler: guard(async (a) => {
        const { tr } = a.page;
        const id = parseAlertId(a.request.params.id ?? "");
        const alert = id === undefined ? null : await alerts.alerts.find(id);
        if (id === undefined || !alert || !(await alerts.access.holds(a.page.session.user, "officer", alert.areaCode)))
          return page(
            404,
            layout({
              page: a.page,
              title: tr("console:nav.alerts"),
              current: "alerts",
              body: html`<p>${tr("console:alerts.notFound")}</p>`,
            }),
          );
        // The page is /tinhtrang's own answer, word for word.
        const status = await runAlertCommand({
          deps: both,
          session: a.page.session,
          command: { kind: "status", id },
          submission: undefined,
        });
        const ended = alert.endedAt !== null;
        const body = html`<p><a href="/console/alerts">${tr("console:alerts.back")}</a></p>
          <div class="text">${alert.text}</div>
          ${status.map((n) => html`<div class="figures">${new SafeHtml(n.html)}</div>`)}
          <p><a href="/cap/alerts/${id}.xml">${tr("console:alerts.cap")}</a></p>
          ${
            ended
              ? ""
              : html`<h2>${tr("console:alerts.end")}</h2>
                  <form class="stack" method="post" action="/console/alerts/${id}/resolve">
                    ${csrfField(a.page.token)}<label
                      >${tr("console:alerts.closure")}<textarea
                        name="closure"
                        rows="3"
                        cols="50"
                        required
                        maxlength="2000"
                      ></textarea>
                    </label>
                    <p><button>${tr("console:alerts.resolve")}</button></p>
                  </form>
                  <form method="post" action="/console/alerts/${id}/cancel">
                    ${csrfField(a.page.token)}<button class="secondary">${tr("console:alerts.cancel")}</button>
                  </form>`
          }`;
        return page(
          200,
          layout({ page: a.page, title: html`${alertId(id)} · ${alert.areaName}`, current: "alerts", body }),
        );
      }),
    },
    {
      method: "POST",
      path: "/console/alerts/:id/:kind",
      handler: guard(async (a) => {
        const id = parseAlertId(a.request.params.id ?? "");
        const kind = a.request.params.kind;
        const closure = (a.form.get("closure") ?? "").trim();
        if (id !== undefined && (kind === "cancel" || (kind === "resolve" && closure)))
          await run(a, { kind, id, closure });
        return redirect(id === undefined ? "/console/alerts" : `/console/alerts/${id}`);
      }),
    },
  ];
}

/** Residents' alarms of the last 30 days, with their state. */
function alarmsTable(a: AuthedRequest, alarms: readonly AlarmRow[], timeZone: string): SafeHtml {
  const { tr, session } = a.page;
  const at = (d: Date | null) => (d ? formatDateTime(d, session.locale, timeZone) : "—");
  if (alarms.length === 0)
    return html`<h2>${tr("console:alarms.title")}</h2>
      <p>${tr("console:alarms.none")}</p>`;
  return html`<h2>${tr("console:alarms.title")}</h2>
    <table>
      <caption>
        ${tr("console:alarms.caption", { count: alarms.length })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${tr("console:alerts.id")}</th>
          <th scope="col">${tr("console:inbox.category")}</th>
          <th scope="col">${tr("console:tip.area")}</th>
          <th scope="col" class="opt">${tr("console:alarms.raised")}</th>
          <th scope="col">${tr("console:tip.status")}</th>
        </tr>
      </thead>
      <tbody>
        ${alarms.map(
          (alarm) =>
            html`<tr>
              <td><a href="/console/alarms/${alarm.id}">B${alarm.id}</a></td>
              <td>${alarm.category ? tr(`alarms:category.${alarm.category}`) : "—"}</td>
              <td>${alarm.areaName}</td>
              <td class="opt">${at(alarm.raisedAt)}</td>
              <td>${tr(`console:alarms.state.${alarm.state}`)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
