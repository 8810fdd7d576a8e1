/** `/thongke` as pages: the figures for a chosen area and period, their weekly chart and the CSV. */
import { escapeHtml } from "../../core/i18n.js";
import type { Text } from "../../core/text.js";
import { consoleStats, consoleStatsChart, consoleStatsCsv } from "../../modules/console/console-stats.js";
import { isoDay } from "../../modules/stats/stats-period.js";
import { statsText } from "../../modules/stats/stats-report.js";
import type { HttpResponse, Route } from "../server.js";
import { authed, type AuthedRequest } from "./authed.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html, SafeHtml } from "./html.js";
import { layout } from "./layout.js";
import { CONSOLE_HEADERS, download, page } from "./security.js";

export function statsRoutes(deps: ConsoleHttpDeps): Route[] {
  const load = (a: AuthedRequest) =>
    consoleStats({
      deps: deps.stats,
      session: a.page.session,
      areaCode: a.request.query.get("area") || undefined,
      from: a.request.query.get("from") || undefined,
      to: a.request.query.get("to") || undefined,
    });
  const refused = (a: AuthedRequest, message: SafeHtml): HttpResponse =>
    page(
      403,
      layout({
        page: a.page,
        title: a.page.tr("console:stats.title"),
        current: "stats",
        body: html`<p>${message}</p>`,
      }),
    );
  const guard = (handler: (a: AuthedRequest) => Promise<HttpResponse>) =>
    authed(deps, (a) => (a.page.sections.includes("stats") ? handler(a) : refused(a, a.page.tr("stats:forbidden"))));
  const render = (a: AuthedRequest, text: Text) =>
    new SafeHtml(deps.console.translator.render(text, a.page.session.locale, escapeHtml));
  return [
    {
      method: "GET",
      path: "/console/stats",
      handler: guard(async (a) => {
        const { tr } = a.page;
        const stats = await load(a);
        const chosen = stats.ok ? stats.area.code : (a.request.query.get("area") ?? "");
        const form = html`<form class="filters" method="get" action="/console/stats">
          <label
            >${tr("console:stats.area")}<select name="area">
              ${stats.choices.map(
                (c) =>
                  html`<option value="${c.code}" ${c.code === chosen ? html` selected` : ""}>
                    ${c.name} (${c.code})
                  </option>`,
              )}
            </select></label
          >
          <label
            >${tr("console:inbox.from")}<input type="date" name="from" value="${stats.ok ? isoDay(stats.fromDay) : ""}"
          /></label>
          <label
            >${tr("console:inbox.to")}<input type="date" name="to" value="${stats.ok ? isoDay(stats.toDay) : ""}"
          /></label>
          <button>${tr("console:stats.show")}</button>
        </form>`;
        if (!stats.ok)
          return page(
            403,
            layout({
              page: a.page,
              title: tr("console:stats.title"),
              current: "stats",
              body: html`${form}
                <p>${render(a, stats.refusal)}</p>`,
            }),
          );
        const query = `area=${encodeURIComponent(stats.area.code)}&from=${isoDay(stats.fromDay)}&to=${isoDay(stats.toDay)}`;
        const text = statsText({
          report: stats.report,
          fromDay: stats.fromDay,
          toDay: stats.toDay,
          locale: a.page.session.locale,
        });
        const body = html`${form}
          <section aria-label="${stats.area.name}">
            <div class="figures" id="figures">${render(a, text)}</div>
            <p><a href="/console/stats.csv?${query}" download>${tr("console:stats.csv")}</a></p>
            ${deps.stats.charts ? html`<p class="chart"><img src="/console/stats/chart.png?${query}" alt="${tr("console:stats.chart", { area: stats.area.name, from: isoDay(stats.fromDay), to: isoDay(stats.toDay) })}" /></p>` : ""}
          </section>`;
        return page(200, layout({ page: a.page, title: tr("console:stats.title"), current: "stats", body }));
      }),
    },
    {
      method: "GET",
      path: "/console/stats.csv",
      handler: guard(async (a) => {
        const stats = await load(a);
        if (!stats.ok) return refused(a, render(a, stats.refusal));
        return download({
          filename: `thongke-${stats.area.code}-${isoDay(stats.fromDay)}-${isoDay(stats.toDay)}.csv`,
          contentType: "text/csv; charset=utf-8",
          body: consoleStatsCsv(stats),
        });
      }),
    },
    {
      method: "GET",
      path: "/console/stats/chart.png",
      handler: guard(async (a) => {
        const stats = await load(a);
        if (!stats.ok) return refused(a, render(a, stats.refusal));
        const chart = await consoleStatsChart({ deps: deps.stats, stats, session: a.page.session });
        if (!chart || chart.kind !== "bytes") return refused(a, a.page.tr("stats:forbidden"));
        return {
          status: 200,
          headers: { ...CONSOLE_HEADERS, "content-type": "image/png" },
          body: Buffer.from(chart.base64, "base64"),
        };
      }),
    },
  ];
}
