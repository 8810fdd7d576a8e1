// The bot's answers to button presses: a toast that fades, or (show_alert) a dialog to dismiss.

const $ = (id) => document.getElementById(id);

export function toast(text, kind = "info") {
  const box = document.createElement("div");
  box.className = `toast ${kind}`;
  box.textContent = text;
  $("toasts").append(box);
  setTimeout(() => box.classList.add("leaving"), 3200);
  setTimeout(() => box.remove(), 3600);
}

export function showAlert(text) {
  $("alert-text").textContent = text;
  const dialog = $("alert-dialog");
  $("alert-ok").onclick = () => dialog.close();
  dialog.showModal();
}
