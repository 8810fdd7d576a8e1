/**
 * Issue 14 §4.1: who may read `/metrics` without a token. The decision is made from the socket's
 * peer address (never from a header) and is tested here with addresses the tests cannot connect
 * from; test/e2e/metrics.test.ts checks the token over HTTP.
 */
import { describe, expect, it } from "vitest";
import { clientAddress, isDirectLocalCall, isLoopbackAddress } from "../../src/http/loopback.js";
import { metricsRefusal } from "../../src/http/metrics.js";

const TOKEN = "metrics-token-0123456789abcdef";

describe("isLoopbackAddress", () => {
  it("takes 127.0.0.0/8, ::1 and IPv4-mapped 127.x", () => {
    for (const address of [
      "127.0.0.1",
      "127.0.0.53",
      "127.255.255.254",
      "::1",
      "0:0:0:0:0:0:0:1",
      "::ffff:127.0.0.1",
      "::ffff:127.1.2.3",
      "::ffff:7f00:1",
    ]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
  });

  it("refuses every other address, and what is not an address", () => {
    for (const address of [
      "10.0.0.7",
      "172.17.0.1",
      "192.168.1.20",
      "192.0.2.2",
      "128.0.0.1",
      "126.255.255.255",
      "0.0.0.0",
      "::",
      "::ffff:10.0.0.7",
      "::ffff:192.0.2.2",
      "fd00::2",
      "fe80::1",
      "2001:db8::1",
      "::2",
      "localhost",
      "127.0.0.1.evil",
      "",
      undefined,
    ]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });
});

describe("isDirectLocalCall", () => {
  it("is a loopback peer with no proxy in between; a header never makes a remote caller local", () => {
    expect(isDirectLocalCall({ remoteAddress: "127.0.0.1", headers: {} })).toBe(true);
    expect(isDirectLocalCall({ remoteAddress: "::ffff:127.0.0.1", headers: {} })).toBe(true);
    expect(isDirectLocalCall({ remoteAddress: "203.0.113.9", headers: { "x-forwarded-for": "127.0.0.1" } })).toBe(
      false,
    );
    expect(
      isDirectLocalCall({
        remoteAddress: "203.0.113.9",
        headers: { "x-real-ip": "127.0.0.1", forwarded: "for=127.0.0.1" },
      }),
    ).toBe(false);
    // A reverse proxy on this machine connects from 127.0.0.1 for someone else.
    expect(isDirectLocalCall({ remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": "198.51.100.4" } })).toBe(
      false,
    );
    expect(isDirectLocalCall({ remoteAddress: "127.0.0.1", headers: { forwarded: "for=198.51.100.4" } })).toBe(false);
    expect(isDirectLocalCall({ remoteAddress: "::1", headers: { "x-real-ip": "198.51.100.4" } })).toBe(false);
  });
});

describe("metricsRefusal", () => {
  const remote = (authorization?: string) => ({
    remoteAddress: "10.0.0.7",
    headers: authorization === undefined ? {} : { authorization },
  });

  it("lets a direct local call through with or without a token configured", () => {
    expect(metricsRefusal({ remoteAddress: "127.0.0.1", headers: {} }, TOKEN)).toBeUndefined();
    expect(metricsRefusal({ remoteAddress: "::1", headers: {} }, undefined)).toBeUndefined();
  });

  it("answers a remote caller with the right bearer token, and 401 without it or with a wrong one", () => {
    expect(metricsRefusal(remote(`Bearer ${TOKEN}`), TOKEN)).toBeUndefined();
    expect(metricsRefusal(remote(`bearer ${TOKEN}`), TOKEN)).toBeUndefined();
    for (const header of [
      undefined,
      "",
      "Bearer",
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${TOKEN}`,
      TOKEN,
      `Bearer  ${TOKEN} extra`,
    ]) {
      const refusal = metricsRefusal(remote(header), TOKEN);
      expect(refusal?.status, String(header)).toBe(401);
      expect(refusal?.headers?.["www-authenticate"]).toContain("Bearer");
    }
  });

  it("refuses every remote caller (403) when no token is configured", () => {
    expect(metricsRefusal(remote(`Bearer ${TOKEN}`), undefined)?.status).toBe(403);
    expect(metricsRefusal(remote(), undefined)?.status).toBe(403);
  });
});

describe("clientAddress (the per-client limit of GET /verify)", () => {
  it("is the address a local or private-network proxy saw, and a public peer's own address whatever its headers say", () => {
    expect(clientAddress({ remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": "198.51.100.7" } })).toBe(
      "198.51.100.7",
    );
    // The proxy appends what it saw: earlier hops are the client's own claims.
    expect(
      clientAddress({ remoteAddress: "172.18.0.5", headers: { "x-forwarded-for": "10.9.9.9, 203.0.113.9" } }),
    ).toBe("203.0.113.9");
    expect(clientAddress({ remoteAddress: "203.0.113.20", headers: { "x-forwarded-for": "127.0.0.1" } })).toBe(
      "203.0.113.20",
    );
    expect(clientAddress({ remoteAddress: "127.0.0.1", headers: {} })).toBe("127.0.0.1");
    expect(clientAddress({ remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": "not-an-address" } })).toBe(
      "127.0.0.1",
    );
  });
});
