// Server-sent events from /sandbox/api/events. EventSource reconnects by itself; after a
// reconnect the page reloads the whole state, since events missed meanwhile are not replayed.

export function createLive({ onEvent, onStatus, onReconnect }) {
  let wasConnected = false;
  let lost = false;
  const source = new EventSource("/sandbox/api/events");
  for (const type of ["message", "edit", "delete", "answer"]) {
    source.addEventListener(type, (event) => {
      try {
        onEvent(JSON.parse(event.data));
      } catch (error) {
        console.error("bad live event", error);
      }
    });
  }
  source.addEventListener("open", () => {
    onStatus(true);
    if (wasConnected && lost) onReconnect();
    wasConnected = true;
    lost = false;
  });
  source.addEventListener("error", () => {
    lost = true;
    onStatus(false);
  });
  return source;
}
