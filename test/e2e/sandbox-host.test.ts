/**
 * Issue 14 §4.3: the sandbox (published keys, no passwords) listens on 127.0.0.1 unless
 * SANDBOX_HOST says otherwise, and its start-up line says which. The kernel's table of listening
 * sockets shows where it listens (no traffic leaves loopback).
 */
import { readFileSync } from "node:fs";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { startSandbox } from "../../src/sandbox/start-sandbox.js";
import { createTestSandbox, type TestSandbox } from "./sandbox-support.js";

/** Local addresses with a listening TCP socket on `port` (from /proc/net/tcp and tcp6), e.g. `127.0.0.1`, `0.0.0.0`, `::`. */
function listeningOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let table = "";
    try {
      table = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of table.split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== "0A" || !local?.endsWith(`:${hexPort}`)) continue; // 0A: LISTEN
      const hex = local.split(":")[0] ?? "";
      if (hex.length === 8)
        found.push(
          (hex.match(/../g) ?? [])
            .reverse()
            .map((b) => parseInt(b, 16))
            .join("."),
        );
      else found.push(/^0+$/.test(hex) ? "::" : hex);
    }
  }
  return found;
}

/** The HTTP status of GET /healthz at host:port, or the connection error's code. */
async function reach(host: string, port: number): Promise<number | string> {
  try {
    return (await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(5000) })).status;
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code ?? error);
  }
}

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await createTestSandbox();
  await sandbox.start();
}, 90_000);

afterAll(async () => {
  await sandbox?.destroy();
});

describe("the sandbox's address", () => {
  it("is 127.0.0.1 by default, and the start-up line says so", async () => {
    const port = sandbox.app.httpPort ?? 0;
    expect(sandbox.config.SANDBOX_HOST).toBe("127.0.0.1");
    expect(sandbox.printed[0]).toBe(
      `Kẻng sandbox: http://127.0.0.1:${port}/ (listening on 127.0.0.1 only; SANDBOX_HOST=0.0.0.0 opens it to the network)`,
    );
    expect(await reach("127.0.0.1", port)).toBe(200);
    expect(listeningOn(port)).toEqual(["127.0.0.1"]);
  });

  it("is every interface with SANDBOX_HOST=0.0.0.0, and the start-up line warns", async () => {
    await sandbox.stop();
    const printed: string[] = [];
    let app: App | undefined;
    try {
      app = await startSandbox(
        { ...sandbox.config, SANDBOX_HOST: "0.0.0.0" },
        { logger: pino({ level: "silent" }), databaseUrl: sandbox.databaseUrl, print: (line) => printed.push(line) },
      );
      const port = app.httpPort ?? 0;
      expect(printed[0]).toBe(
        `Kẻng sandbox: http://127.0.0.1:${port}/ (listening on 0.0.0.0 (SANDBOX_HOST): anyone on the network can reach it, with no password)`,
      );
      expect(await reach("127.0.0.1", port)).toBe(200);
      expect(listeningOn(port).some((address) => address === "0.0.0.0" || address === "::")).toBe(true);
    } finally {
      await app?.stop();
    }
  }, 90_000);
});
