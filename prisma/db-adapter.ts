/**
 * Driver adapter for the Prisma 6.19 CLI only (migrate, generate). The wasm schema engine
 * (`engine: "js"` in prisma.config.ts) reaches PostgreSQL through @prisma/adapter-pg, because these
 * machines cannot download Prisma's native engines. The app builds its own plain PrismaPg.
 * Three upstream bugs are worked around here; see ../shared/PRISMA.md for the first two. The third:
 * adapter-pg's `executeScript` splits a migration on every ";", inside PL/pgSQL bodies and comments
 * too; the script goes to PostgreSQL whole instead, as Prisma's native engine sends it (one implicit
 * transaction, so a failed migration leaves nothing half applied).
 */
import pg from "pg";
import { parse as parseConnectionString } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
/** Catalog types adapter-pg cannot decode (prisma/orm#27403): char name int2vector regproc oidvector pg_node_tree aclitem regclass regtype. */
const SCALARS_AS_TEXT = new Set([18, 19, 22, 24, 30, 194, 1033, 2205, 2206]);
/** char[] name[] aclitem[] */
const ARRAYS_AS_TEXT = new Set([1002, 1003, 1034]);
const getTypeParser = pg.types.getTypeParser as (oid: number, format: "text") => (value: string) => unknown;
const parseTextArray = getTypeParser(TEXT_ARRAY_OID, "text");

type Row = Record<string, unknown> | unknown[];
interface ResultLike {
  fields?: { dataTypeID: number; name: string }[];
  rows: Row[];
}

function reportCatalogColumnsAsText(result: unknown): unknown {
  const results = (Array.isArray(result) ? result : [result]) as (ResultLike | undefined)[];
  for (const r of results) {
    r?.fields?.forEach((field, index) => {
      if (SCALARS_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      else if (ARRAYS_AS_TEXT.has(field.dataTypeID)) {
        field.dataTypeID = TEXT_ARRAY_OID;
        for (const row of r.rows) {
          const cells = row as Record<string | number, unknown>;
          const key = Array.isArray(row) ? index : field.name;
          const value = cells[key];
          if (typeof value === "string") cells[key] = parseTextArray(value);
        }
      }
    });
  }
  return result;
}

type Callback = (err: Error | null, res: unknown) => void;

class CatalogSafeClient extends pg.Client {
  // pg.Client.query has many overloads; this override forwards every form unchanged.
  // @ts-expect-error -- the overload set cannot be restated without `any`
  override query(config: unknown, values?: unknown, callback?: unknown): unknown {
    const submittable = typeof (config as { submit?: unknown } | null)?.submit === "function";
    const superQuery = super.query.bind(this) as (...args: unknown[]) => unknown;
    if (submittable) return superQuery(config, values, callback);
    const cb = (typeof values === "function" ? values : callback) as Callback | undefined;
    if (!cb) return (superQuery(config, values) as Promise<unknown>).then(reportCatalogColumnsAsText);
    const wrapped: Callback = (err, res) => cb(err, err ? res : reportCatalogColumnsAsText(res));
    return typeof values === "function" ? superQuery(config, wrapped) : superQuery(config, values, wrapped);
  }
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/** Sends a script to PostgreSQL in one piece (simple query protocol: several statements, one transaction). */
function runScriptsWhole(adapter: PgAdapter): PgAdapter {
  const pool = adapter.underlyingDriver() as pg.Pool;
  const reportError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    await pool.query(script).catch(reportError);
  };
  return adapter;
}

/** Closes the shadow database's pool before dropping it (adapter-pg drops it first and fails). */
class MigrationPrismaPg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connect() {
    return runScriptsWhole(await super.connect());
  }

  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = runScriptsWhole(await new PrismaPg({ ...this.poolConfig, database }).connect());
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.dispose();
    };
    return shadow;
  }
}

let factory: MigrationPrismaPg | undefined;

/** The CLI asks for the adapter several times per command: one factory per process. */
export function cliAdapter(databaseUrl: string): MigrationPrismaPg {
  if (factory) return factory;
  const c = parseConnectionString(databaseUrl);
  // Separate fields, not connectionString: pg lets a connectionString override `database`.
  factory = new MigrationPrismaPg({
    host: c.host ?? undefined,
    port: c.port ? Number(c.port) : undefined,
    user: c.user,
    password: c.password,
    database: c.database ?? undefined,
    ssl: c.ssl as pg.PoolConfig["ssl"],
    allowExitOnIdle: true,
    Client: CatalogSafeClient,
  } as pg.PoolConfig);
  return factory;
}
