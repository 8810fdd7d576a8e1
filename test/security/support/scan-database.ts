/**
 * Scans every text, JSON and bytea column of every table of a database (the information schema
 * decides, not a list of the columns we remember) for given strings, byte sequences, and sealed
 * values that a key still opens to a given plain text.
 */
import pg from "pg";
import type { Sealer } from "../../../src/core/seal.js";

export interface ScanHit {
  readonly needle: string;
  readonly table: string;
  readonly column: string;
}

const SEALED = /[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*/g;

export async function scanDatabase(input: {
  databaseUrl: string;
  strings: Record<string, string>;
  bytes: Record<string, Buffer>;
  seals: readonly { needle: string; opensTo: string }[];
  sealer: Sealer;
}): Promise<ScanHit[]> {
  const client = new pg.Client({ connectionString: input.databaseUrl });
  await client.connect();
  try {
    const columns = await client.query<{ table: string; column: string; type: string }>(
      `SELECT table_name AS "table", column_name AS "column", data_type AS "type" FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea', 'ARRAY')`,
    );
    const hits: ScanHit[] = [];
    for (const { table, column, type } of columns.rows) {
      const ref = `"${table}"."${column}"`;
      const asText = type === "bytea" ? `encode(${ref}, 'escape')` : `${ref}::text`;
      for (const [needle, value] of Object.entries(input.strings)) {
        if (value === "") continue;
        const found = await client.query(`SELECT 1 FROM "${table}" WHERE position($1 in ${asText}) > 0 LIMIT 1`, [
          value,
        ]);
        if (found.rowCount) hits.push({ needle, table, column });
      }
      if (type === "bytea") {
        for (const [needle, value] of Object.entries(input.bytes)) {
          const found = await client.query(`SELECT 1 FROM "${table}" WHERE position($1::bytea in ${ref}) > 0 LIMIT 1`, [
            value,
          ]);
          if (found.rowCount) hits.push({ needle, table, column });
        }
        continue;
      }
      // Sealed values, wherever they sit (a column, a JSON payload, flow state).
      const sealed = await client.query<{ v: string }>(
        `SELECT ${asText} AS v FROM "${table}" WHERE ${asText} ~ '[0-9a-f]{8}\\.[A-Za-z0-9_-]{16}\\.'`,
      );
      for (const row of sealed.rows) {
        for (const candidate of row.v.match(SEALED) ?? []) {
          const plain = tryUnseal(input.sealer, candidate);
          const seal = input.seals.find((s) => s.opensTo === plain);
          if (seal) hits.push({ needle: seal.needle, table, column });
        }
      }
    }
    return hits;
  } finally {
    await client.end();
  }
}

function tryUnseal(sealer: Sealer, value: string): string | undefined {
  try {
    return sealer.unseal(value);
  } catch {
    return undefined;
  }
}
