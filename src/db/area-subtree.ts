/**
 * "An area and everything below it", the one rule for it: its own code, or a code that starts with
 * it and a dot (`ninhbinh.p5` holds `ninhbinh.p5.to1`, not `ninhbinh.p50`). Area codes are
 * `[a-z0-9.]` (areas/area-code.ts), so LIKE needs no escaping.
 */
import { Prisma } from "../generated/prisma/client.js";

/** Prisma's filter on an Area for the subtree of `code`. */
export function areaSubtreeWhere(code: string): { OR: [{ code: string }, { code: { startsWith: string } }] } {
  return { OR: [{ code }, { code: { startsWith: `${code}.` } }] };
}

/** The same as SQL on the Area row named `alias` in the query. */
export function areaSubtreeSql(alias: string, code: string): Prisma.Sql {
  const column = Prisma.raw(`${alias}."code"`);
  return Prisma.sql`(${column} = ${code} OR ${column} LIKE ${`${code}.%`})`;
}
