/** The inbox and a tip's page, as HTML (every tip string escaped; nothing that names the tipster). */
import { readAttachment } from "../../core/attachment.js";
import { formatDateTime } from "../../core/time.js";
import type { ConsoleTipView } from "../../modules/console/show-console-tip.js";
import type { TipFilter } from "../../modules/console/types.js";
import { TIP_CATEGORIES, type TipRecord } from "../../modules/tips/types.js";
import { html, type SafeHtml } from "./html.js";
import { csrfField, type PageContext } from "./layout.js";

const STATUSES = ["open", "all", "received", "forwarded", "taken", "closed"] as const;

export function inboxBody(input: {
  page: PageContext;
  tips: readonly TipRecord[];
  filter: TipFilter;
  raw: URLSearchParams;
  timeZone: string;
}): SafeHtml {
  const { page, tips, raw } = input;
  const { tr, session } = page;
  const at = (d: Date) => formatDateTime(d, session.locale, input.timeZone);
  const selected = (on: boolean) => (on ? html` selected` : "");
  const statusLabel = (s: (typeof STATUSES)[number]) =>
    s === "open"
      ? tr("console:inbox.statusOpen")
      : s === "all"
        ? tr("console:inbox.statusAll")
        : tr(`tips:status.${s}`);
  const filters = html`<form
    class="filters"
    method="get"
    action="/console/tips"
    role="search"
    aria-label="${tr("console:inbox.filters")}"
  >
    <label
      >${tr("console:inbox.status")}<select name="status">
        ${STATUSES.map(
          (s) => html`<option value="${s}" ${selected(input.filter.status === s)}>${statusLabel(s)}</option>`,
        )}
      </select></label
    >
    <label
      >${tr("console:inbox.category")}<select name="category">
        <option value="">${tr("console:inbox.any")}</option>
        ${TIP_CATEGORIES.map(
          (c) =>
            html`<option value="${c}" ${selected(input.filter.category === c)}>${tr(`tips:category.${c}`)}</option>`,
        )}
      </select></label
    >
    <label
      >${tr("console:inbox.area")}<input name="area" value="${raw.get("area") ?? ""}" size="18" autocomplete="off"
    /></label>
    <label>${tr("console:inbox.from")}<input type="date" name="from" value="${raw.get("from") ?? ""}" /></label>
    <label>${tr("console:inbox.to")}<input type="date" name="to" value="${raw.get("to") ?? ""}" /></label>
    <label>${tr("console:inbox.search")}<input type="search" name="q" value="${raw.get("q") ?? ""}" /></label>
    <button>${tr("console:inbox.apply")}</button>
  </form>`;
  if (tips.length === 0)
    return html`${filters}
      <p>${tr("console:inbox.empty")}</p>`;
  const rows = tips.map(
    (tip) =>
      html`<tr>
        <td><a href="/console/tips/${tip.id}">${tip.code}</a></td>
        <td>${tr(`tips:category.${tip.category}`)}</td>
        <td class="opt">${tip.area.name}</td>
        <td class="opt">${at(tip.createdAt)}</td>
        <td>${tr(`tips:status.${tip.status}`)}</td>
        <td class="opt">${excerpt(tip.text)}</td>
      </tr>`,
  );
  return html`${filters}
    <table>
      <caption>
        ${tr("console:inbox.caption", { count: tips.length })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${tr("console:inbox.code")}</th>
          <th scope="col">${tr("console:inbox.category")}</th>
          <th scope="col" class="opt">${tr("console:tip.area")}</th>
          <th scope="col" class="opt">${tr("console:inbox.received")}</th>
          <th scope="col">${tr("console:inbox.status")}</th>
          <th scope="col" class="opt">${tr("console:inbox.excerpt")}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

const excerpt = (text: string | null) => (text && text.length > 80 ? `${text.slice(0, 80)}…` : (text ?? ""));

export function tipBody(input: { page: PageContext; view: ConsoleTipView; timeZone: string }): SafeHtml {
  const { page, view } = input;
  const { tip, messages } = view;
  const { tr, session } = page;
  const at = (d: Date) => formatDateTime(d, session.locale, input.timeZone);
  const row = (label: SafeHtml, value: SafeHtml | string) =>
    html`<tr>
      <th scope="row">${label}</th>
      <td>${value}</td>
    </tr>`;
  const files = messages.filter((m) => m.direction === "from_tipster" && m.photoFileId);
  const attachments = files.map((m, i) => {
    const kind = readAttachment(m.photoFileId ?? "").kind;
    const src = `/console/tips/${tip.id}/files/${m.id}`;
    return kind === "photo"
      ? html`<li><img src="${src}" alt="${tr("console:tip.photo", { n: i + 1 })}" /></li>`
      : html`<li><a href="${src}">${tr("console:tip.clip", { n: i + 1 })}</a></li>`;
  });
  const thread = messages
    .filter((m) => m.text)
    .map(
      (m) =>
        html`<li>
          <strong
            >${tr(m.direction === "from_tipster" ? "console:tip.fromTipster" : "console:tip.toTipster", { time: at(m.createdAt) })}</strong
          >
          <div class="text">${m.text ?? ""}</div>
        </li>`,
    );
  const map = tip.location
    ? html`<a
        href="https://www.openstreetmap.org/?mlat=${tip.location.latitude}&mlon=${tip.location.longitude}#map=17/${tip.location.latitude}/${tip.location.longitude}"
        rel="noreferrer noopener"
        target="_blank"
        >${tr("console:tip.map")} (${tip.location.latitude.toFixed(5)}, ${tip.location.longitude.toFixed(5)})</a
      >`
    : "—";
  const details = html`<table>
    <caption>
      ${tr("console:tip.details")}
    </caption>
    <tbody>
      ${row(tr("console:tip.category"), tr(tip.kind === "help" ? `tips:helpbox.categoryButton.${tip.category}` : `tips:category.${tip.category}`))}
      ${row(tr("console:tip.area"), `${tip.area.name} (${tip.area.code})`)}
      ${row(tr("console:tip.received"), at(tip.createdAt))}
      ${row(tr("console:tip.status"), html`${tr(`tips:status.${tip.status}`)}${tip.valuable ? html` · ${tr("console:tip.valuable")}` : ""}`)}
      ${row(tr("console:tip.reporter"), tip.anonymous || !tip.contact ? tr("console:tip.anonymous") : html`${tr("console:tip.contact")}: ${tip.contact}`)}
      ${row(tr("console:tip.location"), map)}
    </tbody>
  </table>`;
  const main = html`${details}
    <h2>${tr("console:tip.text")}</h2>
    <div class="text">${tip.text ?? tr("console:tip.noText")}</div>
    ${
      files.length > 0
        ? html`<h2>${tr("console:tip.attachments")}</h2>
            <ul class="photos">
              ${attachments}
            </ul>`
        : ""
    }
    <h2>${tr("console:tip.thread")}</h2>
    ${
      thread.length > 0
        ? html`<ol class="thread">
            ${thread}
          </ol>`
        : html`<p>${tr("console:tip.noThread")}</p>`
    }
    ${tip.status === "closed" ? "" : actions(page, tip)}`;
  return html`<p><a href="/console/tips">${tr("console:tip.back")}</a></p>
    <div class="side">
      <div>${main}</div>
      <aside aria-labelledby="related">${related(page, view)}</aside>
    </div>`;
}

function actions(page: PageContext, tip: TipRecord): SafeHtml {
  const { tr, token } = page;
  const post = (action: string, inner: SafeHtml) =>
    html`<form method="post" action="/console/tips/${tip.id}/${action}">${csrfField(token)}${inner}</form>`;
  const outcomes = tip.kind === "help" ? ["none"] : ["none", "case", "arrest", "assets"];
  return html`<h2>${tr("console:tip.actions")}</h2>
    <div class="actions">
      ${post("take", html`<button>${tr("console:tip.take")}</button>`)}
      ${tip.kind === "help" ? "" : post("valuable", html`<button>${tr("console:tip.markValuable")}</button>`)}
      ${tip.kind === "help" ? "" : html`<a href="/console/tips/${tip.id}/export" download>${tr("console:tip.export")}</a>`}
    </div>
    <h2 id="reply-h">${tr("console:tip.reply")}</h2>
    <p>${tr("console:tip.replyHint")}</p>
    ${post(
      "reply",
      html`<label for="reply-text" class="skip">${tr("console:tip.reply")}</label
        ><textarea
          id="reply-text"
          name="text"
          rows="3"
          cols="50"
          required
          maxlength="3500"
          aria-labelledby="reply-h"
        ></textarea>
        <p><button>${tr("console:tip.send")}</button></p>`,
    )}
    <h2>${tr("console:tip.close")}</h2>
    ${post(
      "close",
      html`<div class="actions">
        <label
          >${tr("console:tip.outcome")}
          <select name="outcome" data-amount-for="amount-field">
            ${outcomes.map((o) => html`<option value="${o}">${tr(`tips:outcome.button.${o}`)}</option>`)}
          </select></label
        >
        <label id="amount-field"
          >${tr("console:tip.amount")} <input name="amount" inputmode="numeric" size="14"
        /></label>
        <button>${tr("console:tip.closeButton")}</button>
      </div>`,
    )}`;
}

function related(page: PageContext, view: ConsoleTipView): SafeHtml {
  const { tr } = page;
  const items = view.related.map(
    (r) =>
      html`<li>
        <a href="/console/tips/${r.tip.id}">${r.tip.code}</a> · ${r.tip.area.name} ·
        ${tr(`tips:status.${r.tip.status}`)}${r.near ? html`<br /><small>${tr("console:tip.relatedNear")}</small>` : ""}${
          r.why.length > 0
            ? html`<br /><small>${tr("console:tip.relatedWhy", { phrases: r.why.join(", ") })}</small>`
            : ""
        }
      </li>`,
  );
  return html`<h2 id="related">${tr("console:tip.related")}</h2>
    ${
      items.length > 0
        ? html`<ul>
            ${items}
          </ul>`
        : html`<p>${tr("console:tip.relatedNone")}</p>`
    }`;
}
