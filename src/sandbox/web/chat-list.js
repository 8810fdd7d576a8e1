// The list of a persona's chats: their groups and their private chat with the bot, each with the
// last message, its time and the number of unread messages.
import { paintAvatar, previewOf, timeOf } from "./bubbles.js";
import { t } from "./i18n.js";

function span(className, text) {
  const node = document.createElement("span");
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The chat's name, with a "bot" tag for the private chat with Kẻng. */
export function fillChatTitle(node, chat) {
  node.replaceChildren(document.createTextNode(chat.title));
  if (chat.kind === "private") node.append(" ", span("bot-tag", "bot"));
}

function item(chat, view) {
  const last = view.lastMessage(chat.id);
  const button = document.createElement("button");
  button.type = "button";
  button.className = `chat-item${chat.id === view.activeId ? " active" : ""}`;
  button.dataset.chatId = String(chat.id);
  const face = span("avatar");
  paintAvatar(face, { name: chat.title, id: chat.id, bot: chat.kind === "private" });
  const title = span("chat-item-title");
  fillChatTitle(title, chat);
  const top = span("chat-item-top");
  top.append(title, span("chat-item-time", last ? timeOf(last.date) : ""));
  const idle = chat.kind === "private" ? t("botChat") : t("members", { n: chat.members.length });
  const bottom = span("chat-item-bottom");
  bottom.append(span("chat-item-preview", last ? previewOf(last, view.personaId) : idle));
  const unread = view.unread(chat.id);
  if (unread > 0) bottom.append(span("unread", String(unread)));
  const body = span("chat-item-body");
  body.append(top, bottom);
  button.append(face, body);
  button.addEventListener("click", () => view.open(chat.id));
  return button;
}

/**
 * Draws the list. `view`: chats, personaId, activeId, lastMessage(chatId), unread(chatId), open(chatId).
 */
export function renderChatList(container, view) {
  container.replaceChildren(...view.chats.map((chat) => item(chat, view)));
}
