// The sandbox's JSON API (src/sandbox/web-api.ts).

async function request(path, init) {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

function post(path, body) {
  return request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

export const api = {
  state: () => request("/sandbox/api/state"),
  admin: () => request("/sandbox/api/admin"),
  send: (persona, chat, text, replyTo) =>
    post("/sandbox/api/send", { persona, chat, text, ...(replyTo ? { replyTo } : {}) }),
  press: (persona, chat, message, data) => post("/sandbox/api/press", { persona, chat, message, data }),
  startGroup: (persona, chat, payload) => post("/sandbox/api/startgroup", { persona, chat, payload }),
  location: (persona, chat) => post("/sandbox/api/location", { persona, chat }),
  photo: (persona, chat, image, caption) =>
    post("/sandbox/api/photo", { persona, chat, image, ...(caption ? { caption } : {}) }),
};
