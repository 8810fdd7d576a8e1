/** The shell of every console page: language, skip link, navigation, notices, sign-out. */
import { randomBytes } from "node:crypto";
import { escapeHtml } from "../../core/i18n.js";
import { t, type Locale, type TextParam } from "../../core/text.js";
import type { Translator } from "../../core/i18n.js";
import { csrfTokenOf } from "../../modules/console/tokens.js";
import type { ConsoleNotice, ConsoleSessionRecord } from "../../modules/console/types.js";
import { html, SafeHtml, trusted } from "./html.js";

/** The console's sections, each open to the roles whose chat commands it serves. */
export type ConsoleSection = "tips" | "alerts" | "stats" | "coverage" | "admin";

/** Renders a translation as HTML (its parameters escaped by the translator). */
export type Tr = (key: string, params?: Record<string, TextParam>) => SafeHtml;

export function translatorFor(translator: Translator, locale: Locale): Tr {
  return (key, params) => new SafeHtml(translator.render(t(key, params), locale, escapeHtml));
}

export interface PageContext {
  readonly session: ConsoleSessionRecord;
  /** The session's cookie token (for the CSRF field). */
  readonly token: string;
  readonly tr: Tr;
  /** Sections the person may open. */
  readonly sections: readonly ConsoleSection[];
  readonly notices: readonly ConsoleNotice[];
}

/**
 * Every form carries the session's CSRF token and an id of its own, made when the page is drawn: a
 * second submission of the same form (a double click, a resent POST) is the same action, so the use
 * case's keys derived from it repeat nothing (one alert, one reply to the tipster).
 */
export const csrfField = (token: string): SafeHtml =>
  html`<input type="hidden" name="_csrf" value="${csrfTokenOf(token)}" /><input
      type="hidden"
      name="_form"
      value="${randomBytes(12).toString("hex")}"
    />`;

export function layout(input: { page: PageContext; title: SafeHtml; current: string; body: SafeHtml }): string {
  const { page, title, current, body } = input;
  const { tr, session } = page;
  const link = (section: ConsoleSection | "sessions") =>
    html`<li>
      <a href="/console/${section}" ${current === section ? trusted(' aria-current="page"') : ""}
        >${tr(`console:nav.${section}`)}</a
      >
    </li>`;
  const other: Locale = session.locale === "vi" ? "en" : "vi";
  return html`<!doctype html>
    <html lang="${session.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${tr("console:title")}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <link rel="icon" href="/console/assets/icon.svg" />
        <script src="/console/assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${tr("console:nav.skip")}</a>
        <header>
          <strong>${tr("console:title")}</strong>
          <nav aria-label="${tr("console:nav.label")}">
            <ul>
              ${page.sections.map(link)}${link("sessions")}
            </ul>
          </nav>
          <span class="who">${session.user.displayName ?? ""}</span>
          <form method="post" action="/console/lang">
            ${csrfField(page.token)}<button class="secondary" name="locale" value="${other}" lang="${other}">
              ${tr(`console:nav.switchTo.${other}`)}
            </button>
          </form>
          <form method="post" action="/console/logout">
            ${csrfField(page.token)}<button class="secondary">${tr("console:nav.logout")}</button>
          </form>
        </header>
        <main id="main">
          <div role="status" aria-live="polite">
            ${page.notices.map((n) => html`<p class="notice${n.alert ? " alert" : ""}">${new SafeHtml(n.html)}</p>`)}
          </div>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`.value;
}

/** A page outside a session (the link page, a refusal): the title and `body`, nothing else. */
export function barePage(tr: Tr, locale: Locale, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${tr("console:title")}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <link rel="icon" href="/console/assets/icon.svg" />
      </head>
      <body>
        <main id="main">
          <h1>${tr("console:title")}</h1>
          ${body}
        </main>
      </body>
    </html>`.value;
}

/** A page for someone without a session (expired, ended, never opened): how to get a link. */
export function signedOutPage(tr: Tr, locale: Locale): string {
  return barePage(tr, locale, html`<p>${tr("console:signedOut")}</p>`);
}
