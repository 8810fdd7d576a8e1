/**
 * The console's stylesheet and its one script, served from this origin (the CSP allows no inline
 * script or style). Kept as strings here so `npm run build` needs no asset copying.
 */
export const CONSOLE_CSS = `
:root { --fg: #111; --bg: #fff; --muted: #444; --accent: #0b4f9c; --line: #bbb; --warn: #8a1c00; --ok: #0b5d1e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid #f5a623; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 2; }
header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 8px 12px; border-bottom: 2px solid var(--accent); }
header nav ul { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 0; padding: 0; }
header nav a[aria-current="page"] { font-weight: 700; }
header form { display: inline; margin: 0; }
.who { color: var(--muted); margin-left: auto; }
main { padding: 12px; max-width: 1100px; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: 8px 0 12px; }
h2 { font-size: 1.15rem; margin: 20px 0 8px; }
.notice { border-left: 4px solid var(--ok); background: #eef7ef; padding: 8px 12px; margin: 0 0 12px; white-space: pre-line; }
.notice.alert { border-color: var(--warn); background: #fdf0ec; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; margin-bottom: 12px; }
form.filters label, form.stack label { display: flex; flex-direction: column; font-size: .9rem; }
input, select, textarea, button { font: inherit; padding: 6px 8px; border: 1px solid #767676; border-radius: 4px; background: #fff; color: var(--fg); }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; min-height: 40px; }
button.secondary { background: #fff; color: var(--accent); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.text { white-space: pre-wrap; border: 1px solid var(--line); padding: 10px; border-radius: 4px; }
.thread li { margin-bottom: 8px; }
.photos { list-style: none; padding: 0; }
.photos img { max-width: 100%; height: auto; max-height: 320px; border: 1px solid var(--line); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
.actions form { margin: 0; }
.side { display: grid; gap: 16px; }
@media (min-width: 900px) { .side { grid-template-columns: 2fr 1fr; } }
.figures { white-space: pre-line; }
.chart img { max-width: 100%; height: auto; }
.subnav { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; margin: 0 0 12px; padding: 0; }
.subnav a[aria-current="page"] { font-weight: 700; }
.indent { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
td form { margin: 0; }
[hidden] { display: none !important; }
@media (max-width: 600px) { th.opt, td.opt { display: none; } }
`;

/** Shows the amount field only for the outcomes that need a number. */
export const CONSOLE_JS = `
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-amount-for]").forEach(function (select) {
    var field = document.getElementById(select.getAttribute("data-amount-for"));
    if (!field) return;
    var update = function () {
      var needs = select.value === "arrest" || select.value === "assets";
      field.hidden = !needs;
      var input = field.querySelector("input");
      if (input) input.required = needs;
    };
    select.addEventListener("change", update);
    update();
  });
});
`;

/** A bell, so browsers ask for no /favicon.ico. */
export const CONSOLE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path fill="#0b4f9c" d="M8 1a5 5 0 0 0-5 5v4l-1.5 2h13L13 10V6a5 5 0 0 0-5-5zm-2 12a2 2 0 0 0 4 0z"/></svg>`;
