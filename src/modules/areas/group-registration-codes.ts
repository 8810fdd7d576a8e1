/**
 * One-time group registration codes (`/dangky <area>` in a private chat → `?startgroup=reg_<code>`),
 * kept in the Conversation table under their own key (no schema change), like /thanhvien lists.
 * A used or expired code is remembered for a week, so it is refused with a clear reason.
 */
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { ConversationStore } from "../flows/types.js";

const FLOW = "group-registration";
/** A code is for adding the bot right away; a day is plenty and limits a leaked link. */
export const REGISTRATION_CODE_TTL_HOURS = 24;
/** How long a used or expired code is still recognised (and refused as such). */
const REMEMBER_SECONDS = (REGISTRATION_CODE_TTL_HOURS + 7 * 24) * 3600;
/** Letters and digits only (deep-link payloads allow A-Za-z0-9_-); no 0/O, 1/I/L. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 12 characters of 31: about 59 bits, and guesses are rate-limited. */
const CODE_LENGTH = 12;

const DataSchema = z.object({ areaId: z.number().int(), createdById: z.number().int(), expiresAt: z.string() });
/** The newest code a person made, so the bot knows a `/start reg_…` is on its way when they add it. */
const LATEST = "group-registration-latest";
const LatestSchema = z.object({ code: z.string() });
/** A code used this recently means its `/start` overtook the "bot added" update of the same group. */
const JUST_USED_MS = 5 * 60_000;

export type ClaimOutcome =
  | { readonly kind: "claimed"; readonly areaId: number; readonly createdById: number }
  | { readonly kind: "unknown" | "used" | "expired" };

export class GroupRegistrationCodes {
  constructor(private readonly store: ConversationStore) {}

  async issue(input: { areaId: number; createdById: number; now: Date }): Promise<{ code: string; expiresAt: Date }> {
    const code = newRegistrationCode();
    const expiresAt = new Date(input.now.getTime() + REGISTRATION_CODE_TTL_HOURS * 3_600_000);
    const data = { areaId: input.areaId, createdById: input.createdById, expiresAt: expiresAt.toISOString() };
    await this.store.start({ key: keyOf(code), flow: FLOW, step: "issued", data, ttlSeconds: REMEMBER_SECONDS });
    await this.store.start({
      key: latestKeyOf(input.createdById),
      flow: LATEST,
      step: "issued",
      data: { code },
      ttlSeconds: REGISTRATION_CODE_TTL_HOURS * 3600,
    });
    return { code, expiresAt };
  }

  /**
   * Whether the person's newest code is unused and unexpired, or was used in the last few minutes:
   * Telegram follows their adding the bot with `/start reg_<code>` (which may be handled first), so
   * the group needs no "how to register" hint.
   */
  async linkInProgress(input: { userId: number; now: Date }): Promise<boolean> {
    const latest = await this.store.get(latestKeyOf(input.userId));
    const parsed = latest?.flow === LATEST ? LatestSchema.safeParse(latest.data) : undefined;
    if (!parsed?.success) return false;
    const state = await this.store.get(keyOf(parsed.data.code));
    const data = state?.flow === FLOW ? DataSchema.safeParse(state.data) : undefined;
    if (!state || !data?.success) return false;
    if (state.step === "issued") return new Date(data.data.expiresAt) > input.now;
    const usedAt = (state.data as { usedAt?: unknown }).usedAt;
    return typeof usedAt === "string" && input.now.getTime() - new Date(usedAt).getTime() < JUST_USED_MS;
  }

  /** Uses the code up: of two concurrent claims exactly one gets "claimed". */
  async claim(input: { code: string; now: Date }): Promise<ClaimOutcome> {
    const state = await this.store.get(keyOf(input.code));
    const data = state?.flow === FLOW ? DataSchema.safeParse(state.data) : undefined;
    if (!state || !data?.success) return { kind: "unknown" };
    if (state.step !== "issued") return { kind: "used" };
    if (new Date(data.data.expiresAt) <= input.now) return { kind: "expired" };
    const used = await this.store.advance(state, {
      step: "used",
      data: { ...data.data, usedAt: input.now.toISOString() },
      ttlSeconds: REMEMBER_SECONDS,
    });
    if (!used) return { kind: "used" };
    return { kind: "claimed", areaId: data.data.areaId, createdById: data.data.createdById };
  }
}

export function newRegistrationCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Whether a typed code could be one (before touching the store). */
export function looksLikeRegistrationCode(code: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`).test(code);
}

function keyOf(code: string): string {
  return `groupreg:${code}`;
}

function latestKeyOf(userId: number): string {
  return `groupreg-by:${userId}`;
}
