// Draws a message's text from plain text plus Telegram's entities (bold, italic, links…) by
// building DOM nodes: text only ever goes through textContent, so nothing the bot or a person
// wrote can become markup.

const TAGS = {
  bold: "b",
  italic: "i",
  underline: "u",
  strikethrough: "s",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  spoiler: "span",
  text_link: "a",
  bot_command: "a",
};

// Plain web links and /commands in running text, as Telegram apps highlight them.
const AUTO =
  /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])|(^|[\s(])(\/[A-Za-z][A-Za-z0-9_]{0,31}(?:@[A-Za-z0-9_]+)?)(?=$|[\s.,;:!?)])/g;

/** A link that opens outside the sandbox (http and https only). */
function externalLink(url, text) {
  const a = document.createElement("a");
  a.textContent = text;
  if (/^https?:\/\//i.test(url)) {
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }
  return a;
}

function commandLink(command) {
  const a = document.createElement("a");
  a.className = "cmd";
  a.href = "#";
  a.dataset.command = command;
  a.textContent = command;
  return a;
}

function appendText(parent, text, auto) {
  if (!auto) {
    parent.append(document.createTextNode(text));
    return;
  }
  let last = 0;
  for (const match of text.matchAll(AUTO)) {
    const [whole, url, lead = "", command] = match;
    const start = match.index ?? 0;
    if (start > last) parent.append(document.createTextNode(text.slice(last, start)));
    if (url) parent.append(externalLink(url, url));
    else {
      if (lead) parent.append(document.createTextNode(lead));
      parent.append(commandLink(command));
    }
    last = start + whole.length;
  }
  if (last < text.length) parent.append(document.createTextNode(text.slice(last)));
}

function elementFor(entity, text) {
  if (entity.type === "text_link") return externalLink(entity.url ?? "", "");
  if (entity.type === "bot_command") return commandLink(text);
  const el = document.createElement(TAGS[entity.type] ?? "span");
  if (entity.type === "spoiler") {
    el.className = "spoiler";
    el.addEventListener("click", () => el.classList.add("revealed"), { once: true });
  }
  return el;
}

/** Entities nest; one that overlaps its parent's end is cut there. */
function build(parent, text, start, end, entities, auto) {
  let pos = start;
  let i = 0;
  while (i < entities.length) {
    const entity = entities[i];
    const from = Math.max(entity.offset, pos);
    const to = Math.min(entity.offset + entity.length, end);
    if (to <= from) {
      i++;
      continue;
    }
    if (from > pos) appendText(parent, text.slice(pos, from), auto);
    const inner = [];
    let j = i + 1;
    while (j < entities.length && entities[j].offset < to) inner.push(entities[j++]);
    const el = elementFor(entity, text.slice(from, to));
    if (entity.type !== "bot_command") {
      const plainInside = auto && !["code", "pre", "text_link"].includes(entity.type);
      build(el, text, from, to, inner, plainInside);
    }
    parent.append(el);
    pos = to;
    i = j;
  }
  if (pos < end) appendText(parent, text.slice(pos, end), auto);
}

/** Fills `parent` with the formatted text. */
export function renderText(parent, text, entities) {
  const known = (entities ?? [])
    .filter((e) => TAGS[e.type] && e.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  build(parent, text, 0, text.length, known, true);
}
