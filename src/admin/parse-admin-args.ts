/** The command line of `npm run admin -- …`, parsed into one command (or a UsageError). */
import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";
import { parsePerson, parseRole } from "./parse-person.js";
import type { RoleCommandInput } from "./role-commands.js";

export type AdminCommand =
  | { readonly kind: "help" }
  | { readonly kind: "area-add"; readonly code: string; readonly name: string; readonly areaKind?: string }
  | { readonly kind: "area-list" }
  | { readonly kind: "grant" | "revoke"; readonly input: RoleCommandInput }
  | { readonly kind: "groups"; readonly areaCode?: string }
  | { readonly kind: "audit"; readonly areaCode?: string; readonly since?: string; readonly until?: string }
  | { readonly kind: "deliveries-resend" }
  | { readonly kind: "rotate" }
  | { readonly kind: "tip-erase"; readonly code: string };

type OptionName = "area" | "since" | "until" | "kind";

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        area: { type: "string" },
        since: { type: "string" },
        until: { type: "string" },
        kind: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parseAdminArgs(argv: readonly string[]): AdminCommand {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.help || command === "help") return { kind: "help" };
  if (command === undefined) throw new UsageError("No command given.");
  const allow = (...names: OptionName[]) => {
    const extra = (["area", "since", "until", "kind"] as const).find(
      (name) => values[name] !== undefined && !names.includes(name),
    );
    if (extra) throw new UsageError(`"${command}" takes no --${extra} option.`);
  };
  const expect = (count: number, shape: string) => {
    if (rest.length !== count) throw new UsageError(`Usage: npm run admin -- ${command} ${shape}`);
  };

  switch (command) {
    case "area": {
      const [sub, code, ...name] = rest;
      allow(...(sub === "add" ? (["kind"] as const) : []));
      if (sub === "add" && code && name.length > 0)
        return {
          kind: "area-add",
          code,
          name: name.join(" "),
          ...(values.kind !== undefined ? { areaKind: values.kind } : {}),
        };
      if (sub === "list" && rest.length === 1) return { kind: "area-list" };
      throw new UsageError("Usage: npm run admin -- area add <code> <name…> [--kind <kind>] | area list");
    }
    case "grant":
    case "revoke": {
      allow();
      expect(3, "<platform:id> <role> <areaCode>");
      const [who = "", role = "", areaCode = ""] = rest;
      return { kind: command, input: { person: parsePerson(who), role: parseRole(role), areaCode } };
    }
    case "groups":
      allow("area");
      expect(0, "[--area <code>]");
      return { kind: "groups", ...(values.area !== undefined ? { areaCode: values.area } : {}) };
    case "audit":
      allow("area", "since", "until");
      expect(0, "[--area <code>] [--since <day>] [--until <day>]");
      return {
        kind: "audit",
        ...(values.area !== undefined ? { areaCode: values.area } : {}),
        ...(values.since !== undefined ? { since: values.since } : {}),
        ...(values.until !== undefined ? { until: values.until } : {}),
      };
    case "deliveries":
      allow();
      if (rest.length === 1 && rest[0] === "resend") return { kind: "deliveries-resend" };
      throw new UsageError("Usage: npm run admin -- deliveries resend");
    case "rotate":
      allow();
      expect(0, "");
      return { kind: "rotate" };
    case "tip-erase":
      allow();
      expect(1, "<TRACKING-CODE>");
      return { kind: "tip-erase", code: (rest[0] ?? "").toUpperCase() };
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}
