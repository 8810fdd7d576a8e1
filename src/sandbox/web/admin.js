// The admin side panel: queue counts, the last deliveries and the CAP feed link, refreshed while
// the panel is open.
import { api } from "./api.js";
import { language, t } from "./i18n.js";

const POLL_MS = 2000;

function cell(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function clock(iso) {
  return new Date(iso).toLocaleTimeString(language() === "vi" ? "vi-VN" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

function queueRow(queue) {
  const row = document.createElement("tr");
  row.dataset.queue = queue.name;
  row.append(
    cell("th", queue.name),
    cell("td", queue.waiting),
    cell("td", queue.active),
    cell("td", queue.done),
    cell("td", queue.failed, queue.failed > 0 ? "bad" : ""),
  );
  return row;
}

function deliveryItem(delivery) {
  const item = cell("li", "", `delivery ${delivery.status}`);
  const top = cell("div", "", "d-top");
  const chat =
    delivery.chat === null
      ? t("sealed")
      : delivery.chat.kind === "private"
        ? `${delivery.chat.name} · ${t("privateChat")}`
        : delivery.chat.name;
  top.append(cell("span", chat, "d-chat"), cell("span", t(`status.${delivery.status}`), `pill ${delivery.status}`));
  const preview = cell("div", delivery.edit ? `✎ ${t("edit")} · ${delivery.preview}` : delivery.preview, "d-preview");
  const details = [clock(delivery.sentAt ?? delivery.createdAt), t(`priority.${delivery.priority}`)];
  if (delivery.source) details.push(delivery.source);
  if (delivery.attempts > 1) details.push(`×${delivery.attempts}`);
  const meta = cell("div", details.join(" · "), "d-meta");
  item.append(top, preview, meta);
  if (delivery.error) item.append(cell("div", delivery.error, "d-error"));
  return item;
}

function render(snapshot) {
  const queues = document.getElementById("queue-rows");
  queues.replaceChildren(...snapshot.queues.map(queueRow));
  const list = document.getElementById("delivery-rows");
  if (snapshot.deliveries.length === 0) list.replaceChildren(cell("li", t("noDeliveries"), "empty-note"));
  else list.replaceChildren(...snapshot.deliveries.map(deliveryItem));
  document.getElementById("cap-link").href = snapshot.capFeed;
}

/** Starts refreshing the panel while `isOpen()`; `refresh()` asks for a refresh soon. */
export function startAdmin(isOpen) {
  let timer;
  let inFlight = false;
  let last;
  const tick = async () => {
    clearTimeout(timer);
    if (isOpen() && document.visibilityState === "visible" && !inFlight) {
      inFlight = true;
      try {
        last = await api.admin();
        render(last);
      } catch {
        // The next tick tries again; the sandbox may be restarting.
      } finally {
        inFlight = false;
      }
    }
    timer = setTimeout(tick, POLL_MS);
  };
  tick();
  let soon;
  return {
    refresh() {
      clearTimeout(soon);
      soon = setTimeout(tick, 300);
    },
    /** Draws the last snapshot again (after a language change). */
    redraw() {
      if (last) render(last);
    },
  };
}
