// One message as a chat bubble: sender, reply quote, photo or location, formatted text, time,
// and the inline keyboard under it.
import { language, t } from "./i18n.js";
import { renderText } from "./render-text.js";

const SENDER_COLOURS = ["#c2410c", "#15803d", "#7c3aed", "#0369a1", "#be185d", "#4d7c0f", "#b45309"];

/** A stable colour per person, for names in groups and avatars. */
export function colourOf(id) {
  return SENDER_COLOURS[Math.abs(Number(id)) % SENDER_COLOURS.length];
}

/** The letter on an avatar: the first of the last word ("Cán bộ Lan" → "L", "Tổ dân phố 1" → "1"). */
function initialOf(name) {
  const words = String(name).trim().split(/\s+/);
  return (words.at(-1) ?? "?").charAt(0).toUpperCase();
}

/** Paints an avatar: the bot's logo, or a coloured circle with a letter. */
export function paintAvatar(node, { name, id, bot }) {
  if (bot) {
    const logo = document.createElement("img");
    logo.src = "/sandbox/logo.svg";
    logo.alt = "";
    node.replaceChildren(logo);
    node.classList.add("bot-avatar");
    node.style.background = "";
    return;
  }
  node.classList.remove("bot-avatar");
  node.replaceChildren(document.createTextNode(initialOf(name)));
  node.style.background = colourOf(id);
}

export function timeOf(unixSeconds) {
  return new Date(unixSeconds * 1000).toLocaleTimeString(language() === "vi" ? "vi-VN" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
  });
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function senderName(message, personaId) {
  if (message.from.kind === "bot") return "Kẻng";
  return message.from.id === personaId ? t("you") : message.from.name;
}

function quote(message) {
  const box = el("div", "quote");
  box.append(el("b", "", message.replyTo.author), el("span", "", message.replyTo.text));
  box.dataset.target = String(message.replyTo.id);
  return box;
}

function locationCard(location) {
  const card = el("div", "location");
  const map = el("div", "map");
  map.append(el("span", "pin"));
  const caption = el("div", "loc-caption");
  caption.append(
    el("b", "", t("location")),
    el("span", "", `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`),
  );
  const link = el("a", "", t("openMap"));
  link.href = `https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}#map=17/${location.latitude}/${location.longitude}`;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  caption.append(link);
  card.append(map, caption);
  return card;
}

function keyboard(message, onPress) {
  const box = el("div", "keyboard");
  for (const row of message.keyboard) {
    const line = el("div", "kb-row");
    for (const button of row) {
      const b = el("button", `kb-btn${button.url ? " link" : ""}`, button.text);
      b.type = "button";
      b.addEventListener("click", () => onPress(message, button, b));
      line.append(b);
    }
    box.append(line);
  }
  return box;
}

/**
 * The bubble of one message. `context`: the persona looking (their own messages go right), whether
 * the chat is a group (names are shown), and what pressing a button or "reply" does.
 */
export function buildMessage(message, context) {
  const own = message.from.kind === "person" && message.from.id === context.personaId;
  const row = el("div", `msg ${own ? "out" : "in"}${message.from.kind === "bot" ? " bot" : ""}`);
  row.dataset.id = String(message.id);
  const bubble = el("div", "bubble");
  if (context.isGroup && !own) {
    const name = el("div", "sender", senderName(message, context.personaId));
    name.style.color = message.from.kind === "bot" ? "var(--brand)" : colourOf(message.from.id);
    bubble.append(name);
  }
  if (message.replyTo) bubble.append(quote(message));
  if (message.photoUrl) {
    const img = el("img", "photo");
    img.src = message.photoUrl;
    img.alt = t("photo");
    img.loading = "lazy";
    bubble.append(img);
  }
  if (message.document) bubble.append(el("div", "document", `📄 ${message.document.name}`));
  if (message.location) bubble.append(locationCard(message.location));
  if (message.text) {
    const text = el("div", "text");
    renderText(text, message.text, message.entities);
    bubble.append(text);
  }
  const meta = el("div", "meta");
  if (message.edited) meta.append(el("span", "edited", t("edited")));
  const time = el("time", "", timeOf(message.date));
  time.dateTime = new Date(message.date * 1000).toISOString();
  meta.append(time);
  bubble.append(meta);
  const reply = el("button", "reply-btn", "↩");
  reply.type = "button";
  reply.title = t("reply");
  reply.setAttribute("aria-label", t("reply"));
  reply.addEventListener("click", () => context.onReply(message));
  bubble.append(reply);
  row.append(bubble);
  if (message.keyboard.length > 0) row.append(keyboard(message, context.onPress));
  return row;
}

/** The last line of a chat list item: who said what. */
export function previewOf(message, personaId) {
  const body = message.text || (message.photoUrl ? `🖼 ${t("photo")}` : message.location ? `📍 ${t("location")}` : "");
  const who = message.from.kind === "person" && message.from.id === personaId ? `${t("you")}: ` : "";
  return `${who}${body.replace(/\s+/g, " ")}`;
}
