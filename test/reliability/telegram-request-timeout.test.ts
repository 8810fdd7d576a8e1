/**
 * Every Bot API call has a deadline, also one that carries its caller's own abort signal (the
 * poller's stop signal): a getUpdates that never answers must not hold the poller forever.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { Telegram } from "telegraf";
import { addRequestTimeouts } from "../../src/platforms/telegram/request-timeout.js";
import { FakeTelegramServer } from "../../src/sandbox/fake-telegram/index.js";

const fake = new FakeTelegramServer();

beforeAll(async () => {
  await fake.start();
});

afterAll(async () => {
  await fake.stop();
});

it("ends a long poll at its deadline even when the caller passed a signal", async () => {
  const telegram = new Telegram(fake.token, { apiRoot: fake.apiRoot });
  addRequestTimeouts(telegram, { request: 300, upload: 300, poll: 300 });
  const stop = new AbortController();
  // Nothing to deliver: Telegram would hold this request for 5 s.
  const poll = telegram.callApi("getUpdates", { timeout: 5 } as never, { signal: stop.signal } as never);
  await expect(poll).rejects.toMatchObject({ name: "AbortError" });
  expect(stop.signal.aborted).toBe(false);
});
