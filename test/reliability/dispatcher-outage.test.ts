/**
 * The dispatcher waits out a Postgres/Redis outage instead of dropping the update (with long
 * polling a dropped update is confirmed and lost): the claim, the handling and `done` are retried
 * with backoff; a claim written just before the connection dropped is resumed, not mistaken for a
 * duplicate; an outage longer than the wait ends with the busy reply. Real Postgres for the stores
 * and the ledger; the outbox is a recording fake.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/core/commands.js";
import { DependencyUnavailableError } from "../../src/core/errors.js";
import type { InboundEvent, PlatformName } from "../../src/core/messages.js";
import type { Outbox, OutboxItem, UpdateLedger } from "../../src/core/ports.js";
import { raw } from "../../src/core/text.js";
import { createDatabase, type Db } from "../../src/db/client.js";
import { isDependencyOutage } from "../../src/db/dependency-errors.js";
import { PgUpdateLedger } from "../../src/db/update-ledger.js";
import { Access } from "../../src/modules/areas/access.js";
import { PrismaAreaStore } from "../../src/modules/areas/repo.js";
import { PrismaAuditLog } from "../../src/modules/audit/repo.js";
import { PrismaIdentityStore } from "../../src/modules/identity/repo.js";
import { CommandTable } from "../../src/router/command-table.js";
import { Dispatcher } from "../../src/router/dispatcher.js";
import { createTestDatabase } from "../support/databases.js";

let database: { url: string; drop: () => Promise<void> };
let connection: ReturnType<typeof createDatabase>;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = createDatabase(database.url, { poolSize: 10 });
  db = connection.db;
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

const outage = () => new DependencyUnavailableError("Can't reach database server at 127.0.0.1:5432");
let nextUpdate = 1;

function command(): InboundEvent {
  const id = nextUpdate++;
  return {
    platform: "telegram",
    type: "command",
    updateKey: String(id),
    chat: { platform: "telegram", chatId: String(5000 + id), kind: "private" },
    from: { platform: "telegram", userId: String(5000 + id), displayName: "Dân" },
    command: "ping",
    args: "",
    messageId: "1",
    addressedToBot: false,
  };
}

/** A dispatcher over real stores with one command, `/ping`, whose behaviour each test scripts. */
function setUp(options: {
  ping: (ctx: CommandContext) => Promise<void>;
  ledger?: (real: UpdateLedger) => UpdateLedger;
  outageWaitMs?: number;
}) {
  const sent: OutboxItem[] = [];
  const outbox: Outbox = { enqueue: async (items) => void sent.push(...items) };
  const real = new PgUpdateLedger(connection.pool);
  const areas = new PrismaAreaStore(db);
  const dispatcher = new Dispatcher({
    identity: new PrismaIdentityStore(db, connection.pool),
    access: new Access({ areas, superadmins: [] }),
    outbox,
    ledger: options.ledger ? options.ledger(real) : real,
    audit: new PrismaAuditLog(db),
    table: () =>
      new CommandTable([
        { names: ["ping"], where: "any", audience: "anyone", helpKey: "common:help", run: options.ping },
      ]),
    answerers: new Map(),
    defaultLocale: "vi",
    logger: pino({ level: "silent" }),
    isOutage: isDependencyOutage,
    outageWaitMs: options.outageWaitMs ?? 30_000,
  });
  return { dispatcher, sent };
}

const doneAt = async (updateKey: string) =>
  (await db.inboundUpdate.findUnique({ where: { platform_updateKey: { platform: "telegram", updateKey } } }))?.doneAt ??
  null;

describe("dispatcher during a dependency outage", () => {
  it("resumes its own claim when the connection dropped after the claim was written", async () => {
    let runs = 0;
    let failures = 0;
    const { dispatcher, sent } = setUp({
      ping: async (ctx) => {
        runs++;
        await ctx.reply(raw("pong"));
      },
      ledger: (real) => ({
        claim: async (platform: PlatformName, key: string, opts?: { resume?: boolean }) => {
          const claimed = await real.claim(platform, key, opts);
          if (failures++ < 2) throw outage(); // written in Postgres, but the answer never came back
          return claimed;
        },
        done: (platform, key) => real.done(platform, key),
      }),
    });
    const event = command();
    await dispatcher.handle(event);
    expect(runs).toBe(1);
    expect(sent.map((item) => item.key)).toEqual([`r:telegram:${event.updateKey}:1`]);
    expect(await doneAt(event.updateKey)).not.toBeNull();
    // A redelivery of the same update is still a duplicate.
    await dispatcher.handle(event);
    expect(runs).toBe(1);
  });

  it("runs the handling again after an outage, with the same reply keys", async () => {
    let runs = 0;
    const { dispatcher, sent } = setUp({
      ping: async (ctx) => {
        runs++;
        await ctx.reply(raw("pong"));
        if (runs < 3) throw outage();
      },
    });
    const event = command();
    await dispatcher.handle(event);
    expect(runs).toBe(3);
    expect(new Set(sent.map((item) => item.key))).toEqual(new Set([`r:telegram:${event.updateKey}:1`])); // the outbox sends a key once
    expect(await doneAt(event.updateKey)).not.toBeNull();
  });

  it("retries only `done` when the handling succeeded", async () => {
    let runs = 0;
    let failures = 0;
    const { dispatcher } = setUp({
      ping: async () => void runs++,
      ledger: (real) => ({
        claim: (platform, key, opts) => real.claim(platform, key, opts),
        done: async (platform, key) => {
          if (failures++ < 2) throw outage();
          await real.done(platform, key);
        },
      }),
    });
    const event = command();
    await dispatcher.handle(event);
    expect(runs).toBe(1);
    expect(await doneAt(event.updateKey)).not.toBeNull();
  });

  it("gives up with the busy reply when the outage outlasts the wait", async () => {
    const { dispatcher, sent } = setUp({ ping: () => Promise.reject(outage()), outageWaitMs: 800 });
    const event = command();
    await dispatcher.handle(event);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.key).toBe(`r:telegram:${event.updateKey}:error`);
    expect(sent[0]?.message.text).toEqual({ key: "common:errors.busy" });
  });

  it("does not retry a bug: one run, the internal-error reply", async () => {
    let runs = 0;
    const { dispatcher, sent } = setUp({
      ping: () => {
        runs++;
        return Promise.reject(new TypeError("a bug"));
      },
    });
    await dispatcher.handle(command());
    expect(runs).toBe(1);
    expect(sent.map((item) => item.message.text)).toEqual([{ key: "common:errors.internal" }]);
  });
});

describe("isDependencyOutage", () => {
  const prismaError = (code: string, kind?: string) =>
    Object.assign(new Error("Invalid `prisma.$queryRaw()` invocation"), {
      code,
      meta: kind ? { driverAdapterError: { name: "DriverAdapterError", cause: { kind } } } : {},
    });

  it("recognises what Prisma, pg and ioredis throw while a server is gone", () => {
    expect(isDependencyOutage(prismaError("P1001", "DatabaseNotReachable"))).toBe(true);
    expect(isDependencyOutage(prismaError("P2010", "ConnectionClosed"))).toBe(true); // raw query on a reset connection
    expect(isDependencyOutage(prismaError("P2024"))).toBe(true); // pool timeout
    expect(
      isDependencyOutage(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isDependencyOutage(new Error("Connection is closed."))).toBe(true);
    expect(isDependencyOutage(new Error("wrapped", { cause: new Error("Connection terminated unexpectedly") }))).toBe(
      true,
    );
  });

  it("leaves every other failure alone", () => {
    expect(isDependencyOutage(prismaError("P2002"))).toBe(false); // unique violation
    expect(isDependencyOutage(prismaError("P2010", "UniqueConstraintViolation"))).toBe(false);
    expect(isDependencyOutage(new TypeError("x is undefined"))).toBe(false);
    expect(isDependencyOutage("string")).toBe(false);
  });
});
