/**
 * The tips pages: the inbox (filters, search), a tip's page, its actions (through the chat's use
 * cases), its register sheet, and its photos — each checked on the server for this person.
 */
import { detectContentType } from "../../platforms/media-type.js";
import { exportTipSheet } from "../../modules/console/export-tip-sheet.js";
import { listConsoleTips } from "../../modules/console/list-console-tips.js";
import { runTipAction, type TipAction } from "../../modules/console/run-tip-action.js";
import { showConsoleTip } from "../../modules/console/show-console-tip.js";
import { tipAttachment } from "../../modules/console/tip-attachment.js";
import type { ConsoleTipDeps } from "../../modules/console/tip-deps.js";
import type { TipFilter } from "../../modules/console/types.js";
import { parseDay, statsPeriod } from "../../modules/stats/stats-period.js";
import type { HttpResponse, Route } from "../server.js";
import { authed, type AuthedRequest } from "./authed.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { html } from "./html.js";
import { layout } from "./layout.js";
import { CONSOLE_HEADERS, download, page, redirect } from "./security.js";
import { inboxBody, tipBody } from "./tip-pages.js";

const STATUS = new Set(["open", "all", "received", "forwarded", "taken", "closed"]);
const ACTIONS = new Set(["take", "valuable", "reply", "close"]);
const OUTCOMES = new Set(["none", "case", "arrest", "assets"]);

function filterOf(query: URLSearchParams, now: Date, timeZone: string): TipFilter {
  const status = query.get("status") ?? "open";
  const from = parseDay(query.get("from") ?? "");
  const to = parseDay(query.get("to") ?? "");
  const period =
    from || to ? statsPeriod({ ...(from ? { from } : {}), ...(to ? { to } : {}), now, timeZone }) : undefined;
  const area = (query.get("area") ?? "").trim().toLowerCase();
  return {
    status: (STATUS.has(status) ? status : "open") as TipFilter["status"],
    ...(query.get("category") ? { category: query.get("category") ?? "" } : {}),
    ...(area ? { areaCode: area } : {}),
    ...(period?.ok ? { from: period.period.from, to: period.period.to } : {}),
    ...(query.get("q")?.trim() ? { query: (query.get("q") ?? "").trim().slice(0, 200) } : {}),
  };
}

function actionOf(kind: string, form: URLSearchParams): TipAction | undefined {
  if (kind === "take" || kind === "valuable") return { kind };
  if (kind === "reply") return { kind, text: form.get("text") ?? "" };
  const outcome = form.get("outcome") ?? "";
  if (kind === "close" && OUTCOMES.has(outcome))
    return { kind, outcome: outcome as "none" | "case" | "arrest" | "assets", amount: form.get("amount") ?? "" };
  return undefined;
}

const tipId = (value: string | undefined): number | undefined =>
  value && /^\d{1,10}$/.test(value) ? Number(value) : undefined;

export function tipRoutes(deps: ConsoleHttpDeps): Route[] {
  const tips = deps.tips;
  // Without a seal key the mailbox is off: the console opens on what else the person may see.
  if (!tips)
    return [
      {
        method: "GET",
        path: "/console/tips",
        handler: authed(deps, (a) =>
          redirect(a.page.sections.includes("stats") ? "/console/stats" : "/console/sessions"),
        ),
      },
    ];
  const timeZone = deps.console.settings.timeZone;
  const notFound = (a: AuthedRequest): HttpResponse =>
    page(
      404,
      layout({
        page: a.page,
        title: a.page.tr("console:nav.tips"),
        current: "tips",
        body: html`<p>${a.page.tr("console:tip.notFound")}</p>`,
      }),
    );
  const guard = (handler: (a: AuthedRequest, t: ConsoleTipDeps) => Promise<HttpResponse>) =>
    authed(deps, (a) => (a.page.sections.includes("tips") ? handler(a, tips) : notFound(a)));
  return [
    {
      method: "GET",
      path: "/console/tips",
      handler: authed(deps, async (a) => {
        if (!a.page.sections.includes("tips"))
          return redirect(a.page.sections.includes("stats") ? "/console/stats" : "/console/sessions");
        const t = tips;
        const filter = filterOf(a.request.query, deps.console.clock.now(), timeZone);
        const list = await listConsoleTips({ deps: t, session: a.page.session, filter });
        const body = inboxBody({ page: a.page, tips: list, filter, raw: a.request.query, timeZone });
        return page(200, layout({ page: a.page, title: a.page.tr("console:inbox.title"), current: "tips", body }));
      }),
    },
    {
      method: "GET",
      path: "/console/tips/:id",
      handler: guard(async (a, t) => {
        const id = tipId(a.request.params.id);
        const view = id === undefined ? null : await showConsoleTip({ deps: t, session: a.page.session, tipId: id });
        if (!view) return notFound(a);
        const body = tipBody({ page: a.page, view, timeZone });
        return page(200, layout({ page: a.page, title: html`${view.tip.code}`, current: "tips", body }));
      }),
    },
    {
      method: "POST",
      path: "/console/tips/:id/:action",
      handler: guard(async (a, t) => {
        const id = tipId(a.request.params.id);
        const action = ACTIONS.has(a.request.params.action ?? "")
          ? actionOf(a.request.params.action ?? "", a.form)
          : undefined;
        if (id === undefined || !action) return notFound(a);
        const notices = await runTipAction({
          deps: t,
          session: a.page.session,
          tipId: id,
          action,
          submission: a.form.get("_form") ?? undefined,
        });
        await deps.console.sessions.addNotices({ id: a.page.session.id, notices });
        return redirect(`/console/tips/${id}`);
      }),
    },
    {
      method: "GET",
      path: "/console/tips/:id/export",
      handler: guard(async (a, t) => {
        const id = tipId(a.request.params.id);
        const sheet = id === undefined ? null : await exportTipSheet({ deps: t, session: a.page.session, tipId: id });
        if (!sheet) return notFound(a);
        return download({ filename: sheet.filename, contentType: "text/plain; charset=utf-8", body: sheet.text });
      }),
    },
    {
      method: "GET",
      path: "/console/tips/:id/files/:message",
      handler: guard(async (a, t) => {
        const id = tipId(a.request.params.id);
        const messageId = tipId(a.request.params.message);
        const file =
          id === undefined || messageId === undefined
            ? null
            : await tipAttachment({ deps: t, session: a.page.session, tipId: id, messageId });
        const bytes = file ? await fileBytes(deps, file.fileId) : undefined;
        if (!bytes) return notFound(a);
        return {
          status: 200,
          headers: { ...CONSOLE_HEADERS, "content-type": detectContentType(bytes) },
          body: Buffer.from(bytes),
        };
      }),
    },
  ];
}

/** A Telegram file by id, or a Zalo photo by its link (ours or Zalo's); undefined when it cannot be had. */
async function fileBytes(deps: ConsoleHttpDeps, fileId: string): Promise<Uint8Array | undefined> {
  try {
    if (/^https?:\/\//i.test(fileId)) {
      const response = await fetch(fileId, { signal: AbortSignal.timeout(15_000) });
      return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
    }
    return deps.fetchTelegramFile ? (await deps.fetchTelegramFile(fileId)).bytes : undefined;
  } catch {
    return undefined;
  }
}
