// The sandbox web chat: pick a persona, see their chats, write, press buttons, watch the bot answer
// live (server-sent events), with an admin panel beside it.
import { startAdmin } from "./admin.js";
import { api } from "./api.js";
import { buildMessage, paintAvatar } from "./bubbles.js";
import { fillChatTitle, renderChatList } from "./chat-list.js";
import { createComposer } from "./composer.js";
import { language, setLanguage, t, translatePage } from "./i18n.js";
import { createLive } from "./live.js";
import { showAlert, toast } from "./notices.js";

const $ = (id) => document.getElementById(id);
const root = $("app");
const wide = window.matchMedia("(min-width: 1100px)");
const phone = window.matchMedia("(max-width: 759px)");

const ui = {
  data: null,
  messages: new Map(),
  persona: 0,
  chatId: null,
  unread: new Map(),
  typingTimer: 0,
  connected: false,
};
const store = {
  get: (key) => localStorage.getItem(`keng.${key}`),
  set: (key, value) => localStorage.setItem(`keng.${key}`, String(value)),
};

const persona = () => ui.data?.personas.find((p) => p.id === ui.persona);
const chatById = (id) => ui.data?.chats.find((c) => c.id === id);
const chatsOfPersona = () => (ui.data?.chats ?? []).filter((c) => c.members.includes(ui.persona));
const messagesOf = (chatId) => [...(ui.messages.get(chatId)?.values() ?? [])].sort((a, b) => a.id - b.id);
const unreadKey = (personaId, chatId) => `${personaId}:${chatId}`;

/** The persona picker; other personas' options count their unread messages, e.g. "Chị Mai (2)". */
function renderPersona() {
  const select = $("persona");
  if (select.options.length !== ui.data.personas.length)
    select.replaceChildren(...ui.data.personas.map((p) => new Option(p.name, String(p.id))));
  // Labels change in place: rebuilding the options would close the list while someone has it open.
  ui.data.personas.forEach((p, index) => {
    const unread = chatsOfPersonaId(p.id).reduce((sum, c) => sum + (ui.unread.get(unreadKey(p.id, c.id)) ?? 0), 0);
    const option = select.options[index];
    option.textContent = `${p.name}${unread > 0 && p.id !== ui.persona ? ` (${unread})` : ""}`;
    option.selected = p.id === ui.persona;
  });
  const me = persona();
  paintAvatar($("persona-avatar"), { name: me.name, id: me.id });
  $("persona-role").textContent = t(`roles.${me.role}`);
}

function chatsOfPersonaId(id) {
  return ui.data.chats.filter((c) => c.members.includes(id));
}

function drawChatList() {
  renderChatList($("chat-list"), {
    chats: chatsOfPersona(),
    personaId: ui.persona,
    activeId: ui.chatId,
    lastMessage: (chatId) => messagesOf(chatId).at(-1),
    unread: (chatId) => ui.unread.get(unreadKey(ui.persona, chatId)) ?? 0,
    open: openChat,
  });
}

function bubbleContext(chat) {
  return {
    personaId: ui.persona,
    isGroup: chat.kind === "group",
    onPress: press,
    onReply: (message) => composer.setReply(message),
  };
}

function nearBottom(box) {
  return box.scrollHeight - box.scrollTop - box.clientHeight < 120;
}

function renderChat() {
  const chat = chatById(ui.chatId);
  root.classList.toggle("has-chat", Boolean(chat));
  if (!chat) return;
  paintAvatar($("chat-avatar"), { name: chat.title, id: chat.id, bot: chat.kind === "private" });
  fillChatTitle($("chat-title"), chat);
  $("chat-sub").textContent = chat.kind === "private" ? t("botSub") : t("members", { n: chat.members.length });
  const box = $("messages");
  const list = messagesOf(chat.id);
  if (list.length === 0) {
    const empty = document.createElement("div");
    empty.className = "empty-note";
    empty.textContent = t("noMessages");
    box.replaceChildren(empty);
  } else box.replaceChildren(...list.map((m) => buildMessage(m, bubbleContext(chat))));
  box.scrollTop = box.scrollHeight;
  composer.setSuggestions(persona().role, chat.kind, language(), ui.data.commands);
}

function openChat(chatId) {
  ui.chatId = chatId;
  store.set(`chat.${ui.persona}`, chatId);
  ui.unread.delete(unreadKey(ui.persona, chatId));
  root.dataset.view = "chat";
  composer.setReply(null);
  composer.closeSheet();
  setTyping(false);
  drawChatList();
  renderChat();
  renderPersona();
}

function choosePersona(id) {
  ui.persona = id;
  store.set("persona", id);
  const remembered = Number(store.get(`chat.${id}`));
  const mine = chatsOfPersona();
  const chat = mine.find((c) => c.id === remembered) ?? mine[0];
  renderPersona();
  // On a phone the list stays in front until a chat is picked; wider screens show both.
  if (!phone.matches || root.dataset.view === "chat") openChat(chat.id);
  else {
    ui.chatId = chat.id;
    drawChatList();
    renderChat();
  }
}

/** Adds or replaces a message; counts it as unread for everyone in the chat who is not looking. */
function upsert(message, { fresh }) {
  const chat = chatById(message.chatId);
  if (!chat) return;
  const byId = ui.messages.get(chat.id) ?? new Map();
  ui.messages.set(chat.id, byId);
  const known = byId.has(message.id);
  byId.set(message.id, message);
  if (fresh && !known) {
    for (const member of chat.members) {
      const mine = message.from.kind === "person" && message.from.id === member;
      const looking =
        member === ui.persona &&
        chat.id === ui.chatId &&
        root.dataset.view === "chat" &&
        document.visibilityState === "visible";
      if (!mine && !looking)
        ui.unread.set(unreadKey(member, chat.id), (ui.unread.get(unreadKey(member, chat.id)) ?? 0) + 1);
    }
  }
  if (chat.id === ui.chatId && chat.members.includes(ui.persona)) {
    const box = $("messages");
    const stick = nearBottom(box) || (message.from.kind === "person" && message.from.id === ui.persona);
    const node = buildMessage(message, bubbleContext(chat));
    const existing = box.querySelector(`.msg[data-id="${message.id}"]`);
    if (existing) existing.replaceWith(node);
    else {
      box.querySelector(".empty-note")?.remove();
      const after = [...box.querySelectorAll(".msg")].find((n) => Number(n.dataset.id) > message.id);
      box.insertBefore(node, after ?? null);
    }
    if (stick) box.scrollTop = box.scrollHeight;
    if (message.from.kind === "bot") setTyping(false);
  }
  drawChatList();
  renderPersona();
}

function remove(chatId, id) {
  ui.messages.get(chatId)?.delete(id);
  if (chatId === ui.chatId) $("messages").querySelector(`.msg[data-id="${id}"]`)?.remove();
  drawChatList();
}

function setTyping(on) {
  clearTimeout(ui.typingTimer);
  $("typing").hidden = !on;
  if (on) ui.typingTimer = setTimeout(() => setTyping(false), 6000);
}

async function attempt(run) {
  try {
    const result = await run();
    if (result?.message) upsert(result.message, { fresh: false });
    return true;
  } catch (error) {
    toast(t("error", { error: error.message }), "error");
    return false;
  }
}

/**
 * Does something as the persona. "Kẻng is answering…" shows when an answer is expected (a private
 * chat, or a command) — before the request, since the answer can arrive before the response does.
 */
async function act(run, expectAnswer) {
  if (expectAnswer) setTyping(true);
  const ok = await attempt(run);
  if (!ok) setTyping(false);
  return ok;
}

function send(text, replyTo) {
  const expectAnswer = chatById(ui.chatId)?.kind === "private" || text.startsWith("/");
  return act(() => api.send(ui.persona, ui.chatId, text, replyTo), expectAnswer);
}

/** A deep link to the bot (t.me/<bot>?start=…) opens the private chat and sends /start, as Telegram does. */
async function press(message, button, node) {
  if (button.url) {
    const link = new RegExp(`^https://t\\.me/${ui.data.bot.username}\\?start=([A-Za-z0-9_-]{1,64})$`, "i").exec(
      button.url,
    );
    const groupLink = new RegExp(
      `^https://t\\.me/${ui.data.bot.username}\\?startgroup=([A-Za-z0-9_-]{1,64})$`,
      "i",
    ).exec(button.url);
    if (groupLink) return startInGroup(groupLink[1]);
    if (!link) {
      if (/^https?:\/\//i.test(button.url)) window.open(button.url, "_blank", "noopener,noreferrer");
      return;
    }
    openChat(ui.persona);
    await send(`/start ${link[1]}`);
    return;
  }
  node.classList.add("pending");
  setTimeout(() => node.classList.remove("pending"), 2500);
  await attempt(() => api.press(ui.persona, message.chatId, message.id, button.data));
}

/** `?startgroup=`: as Telegram's apps do, the persona picks one of their groups; the bot gets `/start <payload>` there. */
async function startInGroup(payload) {
  const groups = (ui.data.personas.find((p) => p.id === ui.persona)?.groups ?? [])
    .map((id) => chatById(id))
    .filter(Boolean);
  if (groups.length === 0) return toast(t("noGroupToPick"));
  const answer = window.prompt(`${t("pickGroup")}\n${groups.map((g, i) => `${i + 1}. ${g.title}`).join("\n")}`, "1");
  const group = groups[Number(answer) - 1];
  if (!group) return;
  openChat(group.id);
  await act(() => api.startGroup(ui.persona, group.id, payload), true);
}

const composer = createComposer({
  current: () => (ui.chatId === null ? null : { persona: ui.persona, chat: ui.chatId }),
  send,
  photo: (name, caption) =>
    act(() => api.photo(ui.persona, ui.chatId, name, caption), chatById(ui.chatId)?.kind === "private"),
  location: () => act(() => api.location(ui.persona, ui.chatId), chatById(ui.chatId)?.kind === "private"),
});

function setAdminOpen(open) {
  root.dataset.admin = open ? "open" : "closed";
  if (wide.matches) store.set("admin", open ? "open" : "closed");
  if (open) admin.refresh();
}

const admin = startAdmin(() => root.dataset.admin === "open");

function renderLive() {
  $("live-dot").classList.toggle("on", ui.connected);
  $("live-text").textContent = ui.connected ? t("live") : t("offline");
}

function applyLanguage(lang) {
  setLanguage(lang);
  store.set("lang", lang);
  for (const button of document.querySelectorAll("[data-lang]"))
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
  translatePage();
  renderLive();
  if (ui.data) {
    renderPersona();
    drawChatList();
    renderChat();
    admin.redraw();
  }
}

async function load() {
  ui.data = await api.state();
  ui.messages = new Map(
    Object.entries(ui.data.messages).map(([id, list]) => [Number(id), new Map(list.map((m) => [m.id, m]))]),
  );
  composer.setImages(ui.data.images);
  const saved = Number(store.get("persona"));
  ui.persona = ui.data.personas.some((p) => p.id === saved) ? saved : ui.data.personas[0].id;
  choosePersona(ui.persona);
}

function wire() {
  $("persona").addEventListener("change", (event) => choosePersona(Number(event.target.value)));
  $("back").addEventListener("click", () => (root.dataset.view = "list"));
  for (const button of document.querySelectorAll("[data-lang]"))
    button.addEventListener("click", () => applyLanguage(button.dataset.lang));
  for (const button of document.querySelectorAll(".admin-toggle"))
    button.addEventListener("click", () => setAdminOpen(root.dataset.admin !== "open"));
  $("admin-close").addEventListener("click", () => setAdminOpen(false));
  $("messages").addEventListener("click", (event) => {
    const command = event.target.closest?.("a.cmd");
    if (!command) return;
    event.preventDefault();
    // As in Telegram's apps: a tapped /command is sent at once, not put in the text box.
    send(command.dataset.command);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && ui.chatId !== null && root.dataset.view === "chat")
      openChat(ui.chatId);
  });
}

applyLanguage(store.get("lang") === "en" ? "en" : "vi");
// Beside the chat on a wide screen (as the person left it); over it on a narrow one, so closed at first.
root.dataset.admin = wide.matches ? (store.get("admin") ?? "open") : "closed";
wide.addEventListener("change", () => {
  root.dataset.admin = wide.matches ? (store.get("admin") ?? "open") : "closed";
});
wire();
createLive({
  onEvent(event) {
    if (!ui.data) return;
    if (event.type === "message" || event.type === "edit") upsert(event.message, { fresh: event.type === "message" });
    else if (event.type === "delete") remove(event.chatId, event.id);
    else if (event.type === "answer" && event.personaId === ui.persona)
      (event.showAlert ? showAlert : toast)(event.text);
    admin.refresh();
  },
  onStatus(connected) {
    ui.connected = connected;
    renderLive();
  },
  // After a reconnect, whatever happened meanwhile is in the state: reload it all.
  onReconnect: () => load().catch(() => undefined),
});
load().catch((error) => toast(t("error", { error: error.message }), "error"));
