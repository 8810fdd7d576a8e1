/**
 * What an area is, since the two-level local government of 01/7/2025 (DESIGN.md §3): a province
 * (`tinh`) or centrally-run city (`thanhpho`) at the top, a commune below it (`xa`, `phuong`,
 * `dackhu`), then villages (`thon`), residential groups (`todanpho`) and schools (`truonghoc`).
 * Wording uses it ("Công an phường …"). Pure functions: the kind is read from a word an admin
 * typed, or guessed from the first words of the area's name.
 */
import { t, type Text } from "../../core/text.js";

export const AREA_KINDS = ["tinh", "thanhpho", "xa", "phuong", "dackhu", "thon", "todanpho", "truonghoc"] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

/** Kinds that have a police unit of their own (police have no level below the commune). */
export const POLICE_KINDS = ["tinh", "thanhpho", "xa", "phuong", "dackhu"] as const satisfies readonly AreaKind[];
export type PoliceKind = (typeof POLICE_KINDS)[number];

const TOP_ONLY: readonly AreaKind[] = ["tinh", "thanhpho"];
const NEVER_TOP: readonly AreaKind[] = ["thon", "todanpho", "truonghoc"];

/**
 * How names start, per kind, lower-case with diacritics (and the usual unaccented or short forms).
 * Order matters: longer prefixes of a kind come before shorter ones.
 */
const NAME_PREFIXES: Readonly<Record<AreaKind, readonly string[]>> = {
  tinh: ["tỉnh", "tinh"],
  thanhpho: ["thành phố", "thanh pho", "tp.", "tp"],
  xa: ["xã"],
  phuong: ["phường", "phuong"],
  dackhu: ["đặc khu", "dac khu"],
  thon: ["thôn", "thon", "làng", "ấp", "bản", "buôn", "sóc"],
  todanpho: ["tổ dân phố", "to dan pho", "tdp", "khu phố", "khóm", "tổ"],
  truonghoc: ["trường", "truong"],
};

/** Words an admin may type for a kind (after {@link foldWord}), besides the kind's own name. */
const KIND_WORDS: Readonly<Record<string, AreaKind>> = {
  province: "tinh",
  city: "thanhpho",
  tp: "thanhpho",
  commune: "xa",
  ward: "phuong",
  specialzone: "dackhu",
  village: "thon",
  tdp: "todanpho",
  khupho: "todanpho",
  residentialgroup: "todanpho",
  group: "todanpho",
  truong: "truonghoc",
  school: "truonghoc",
};

/** `Tổ dân phố` → `todanpho`, `Đặc-khu` → `dackhu`: lower-case, no diacritics, no spaces or dashes. */
export function foldWord(word: string): string {
  return word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[\s_.-]+/g, "");
}

export function isAreaKind(value: unknown): value is AreaKind {
  return typeof value === "string" && (AREA_KINDS as readonly string[]).includes(value);
}

export function isPoliceKind(kind: AreaKind | null): kind is PoliceKind {
  return kind !== null && (POLICE_KINDS as readonly string[]).includes(kind);
}

/** `phuong`, `phường`, `ward`, `Tổ dân phố`, `tdp` … → the kind; undefined when it names none. */
export function parseAreaKind(input: string): AreaKind | undefined {
  const word = foldWord(input);
  return isAreaKind(word) ? word : KIND_WORDS[word];
}

/** Whether a kind may sit at this depth of the tree (1 = top level). */
export function kindFitsDepth(kind: AreaKind, depth: number): boolean {
  return depth === 1 ? !NEVER_TOP.includes(kind) : !TOP_ONLY.includes(kind);
}

/** The kind a name's first words announce, and the rest of the name (`Phường 5` → phuong, `5`; `Xã An Hòa` → xa, `An Hòa`). */
export function splitKindPrefix(name: string): { kind: AreaKind; rest: string } | undefined {
  const lower = name.normalize("NFC").toLocaleLowerCase("vi");
  for (const kind of AREA_KINDS) {
    for (const prefix of NAME_PREFIXES[kind]) {
      if (!lower.startsWith(prefix)) continue;
      const rest = name.normalize("NFC").slice(prefix.length);
      // A whole word only ("Tổ 5", "TP. Huế"), and something after it.
      if (!prefix.endsWith(".") && !/^\s/.test(rest)) continue;
      if (rest.trim()) return { kind, rest: rest.trim() };
    }
  }
  return undefined;
}

/**
 * The kind a new area's name suggests at its depth (`Phường 5` → phuong), or undefined when the
 * name says nothing or says something that does not fit there ("Thành phố …" below the top is a
 * former provincial city, gone since 01/7/2025, not a centrally-run city).
 */
export function inferAreaKind(name: string, depth: number): AreaKind | undefined {
  const kind = splitKindPrefix(name)?.kind;
  return kind && kindFitsDepth(kind, depth) ? kind : undefined;
}

export type KindChoice =
  | { readonly ok: true; readonly kind: AreaKind | null }
  | { readonly ok: false; readonly reason: "unknown" | "misplaced"; readonly kind?: AreaKind };

/** The kind of a new area: the one typed (checked against the depth) or else the one its name suggests. */
export function chooseAreaKind(input: { name: string; depth: number; typed: string | undefined }): KindChoice {
  if (input.typed === undefined) return { ok: true, kind: inferAreaKind(input.name, input.depth) ?? null };
  const kind = parseAreaKind(input.typed);
  if (!kind) return { ok: false, reason: "unknown" };
  return kindFitsDepth(kind, input.depth) ? { ok: true, kind } : { ok: false, reason: "misplaced", kind };
}

/** Takes `--loai <kind>` (or `--kind <kind>`) out of a command's arguments. */
export function takeKindOption(args: string): { rest: string; typed: string | undefined } {
  const match = /(?:^|\s)--(?:loai|loại|kind)(?:=|\s+)(\S+)/iu.exec(args);
  if (!match?.[1]) return { rest: args, typed: undefined };
  return {
    rest: `${args.slice(0, match.index)} ${args.slice(match.index + match[0].length)}`.replace(/\s+/g, " ").trim(),
    typed: match[1],
  };
}

/** Why a typed kind was refused, as a reply to `/themkhuvuc` or `/suakhuvuc … loai`. */
export function kindRefusal(choice: Extract<KindChoice, { ok: false }>, typed: string): Text {
  return choice.reason === "unknown" || !choice.kind
    ? t("areas:kind.unknown", { kind: typed })
    : t("areas:kind.misplaced", { kind: t(`areas:kind.${choice.kind}`) });
}
