/**
 * Callback data of the tips buttons (`tip:…`, at most 64 bytes). It comes back from the platform as
 * hostile input: parsed strictly, ids bounded, anything else is null.
 */
import { z } from "zod";
import { ALL_TIP_CATEGORIES, type TipCategory } from "./types.js";

export const TIP_BUTTON_PREFIX = "tip";
export const CLOSE_OUTCOMES = ["none", "case", "arrest", "assets"] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];
/** What to do with a late message to an open tip: add it to the tip, start a new tip with it, or drop it. */
export const FOLLOW_UP_CHOICES = ["add", "new", "drop"] as const;
export type FollowUpChoice = (typeof FOLLOW_UP_CHOICES)[number];

const OFFICER_ACTIONS = {
  take: "take",
  val: "valuable",
  ask: "ask",
  close: "close",
  show: "show",
  exp: "export",
} as const;
export type OfficerAction = (typeof OFFICER_ACTIONS)[keyof typeof OFFICER_ACTIONS];

export type TipButton =
  | { readonly kind: "category"; readonly category: TipCategory }
  | { readonly kind: "mediaDone" }
  | { readonly kind: "identity"; readonly anonymous: boolean }
  | { readonly kind: "area"; readonly areaId: number }
  /** Browse the area tree below an area (null: the top level). */
  | { readonly kind: "browse"; readonly areaId: number | null }
  | { readonly kind: "confirm" }
  | { readonly kind: "cancel" }
  | { readonly kind: "followUp"; readonly choice: FollowUpChoice }
  /** The tipster's own tip, from the bare /tracuu list. */
  | { readonly kind: "status"; readonly tipId: number }
  | { readonly kind: OfficerAction; readonly tipId: number }
  | { readonly kind: "outcome"; readonly tipId: number; readonly outcome: CloseOutcome };

/** Decimal digits only (no `1e3`, `0x1f`, signs or padding), within Postgres' int range. */
const Id = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().max(2_147_483_647));
const id = (value: string | undefined): number | null => {
  const parsed = Id.safeParse(value);
  return parsed.success ? parsed.data : null;
};
const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  list.includes(value as T);

/** Parses the part after `tip:`. */
export function parseTipButton(payload: string): TipButton | null {
  if (payload.length > 60 || !/^[a-z0-9:]+$/.test(payload)) return null;
  const [verb, first, second, ...rest] = payload.split(":");
  if (rest.length > 0 || verb === undefined) return null;
  if (verb === "c" && isOneOf(ALL_TIP_CATEGORIES, first) && second === undefined)
    return { kind: "category", category: first };
  if (verb === "next" && first === undefined) return { kind: "mediaDone" };
  if (verb === "i" && (first === "anon" || first === "contact") && second === undefined)
    return { kind: "identity", anonymous: first === "anon" };
  if (verb === "ok" && first === undefined) return { kind: "confirm" };
  if (verb === "x" && first === undefined) return { kind: "cancel" };
  if (verb === "st" && second === undefined) return withId(id(first), (tipId) => ({ kind: "status", tipId }));
  if (verb === "fu" && isOneOf(FOLLOW_UP_CHOICES, first) && second === undefined)
    return { kind: "followUp", choice: first };
  if (verb === "b" && second === undefined)
    return first === "0"
      ? { kind: "browse", areaId: null }
      : withId(id(first), (areaId) => ({ kind: "browse", areaId }));
  if (verb === "a" && second === undefined) return withId(id(first), (areaId) => ({ kind: "area", areaId }));
  if (verb === "out" && isOneOf(CLOSE_OUTCOMES, second))
    return withId(id(first), (tipId) => ({ kind: "outcome", tipId, outcome: second }));
  if (Object.hasOwn(OFFICER_ACTIONS, verb) && second === undefined) {
    const kind = OFFICER_ACTIONS[verb as keyof typeof OFFICER_ACTIONS];
    return withId(id(first), (tipId) => ({ kind, tipId }));
  }
  return null;
}

function withId(value: number | null, build: (id: number) => TipButton): TipButton | null {
  return value === null ? null : build(value);
}

/** Callback data for each button. */
export const tipData = {
  category: (category: TipCategory) => `tip:c:${category}`,
  mediaDone: () => "tip:next",
  identity: (anonymous: boolean) => `tip:i:${anonymous ? "anon" : "contact"}`,
  area: (areaId: number) => `tip:a:${areaId}`,
  browse: (areaId: number | null) => `tip:b:${areaId ?? 0}`,
  confirm: () => "tip:ok",
  cancel: () => "tip:x",
  followUp: (choice: FollowUpChoice) => `tip:fu:${choice}`,
  status: (tipId: number) => `tip:st:${tipId}`,
  take: (tipId: number) => `tip:take:${tipId}`,
  valuable: (tipId: number) => `tip:val:${tipId}`,
  ask: (tipId: number) => `tip:ask:${tipId}`,
  close: (tipId: number) => `tip:close:${tipId}`,
  show: (tipId: number) => `tip:show:${tipId}`,
  export: (tipId: number) => `tip:exp:${tipId}`,
  outcome: (tipId: number, outcome: CloseOutcome) => `tip:out:${tipId}:${outcome}`,
} as const;
