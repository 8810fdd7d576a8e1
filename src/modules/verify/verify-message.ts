/**
 * Is this message from Kẻng? A code identifies an alert, a closure or a campaign message (codes are
 * recomputed with the signing key over the stored text, so none can be invented); a pasted copy
 * must also still contain the signed text, after normalisation, or it was altered.
 */
import { MessageSigner, normaliseCode, normaliseForSigning } from "../../core/verification.js";
import { campaignSignedParts } from "../campaigns/campaign-message.js";
import type { SignedMessageStore, VerifyOutcome } from "./types.js";

/** Codes older than this are not looked up (alerts are short-lived). */
const LOOKBACK_DAYS = 400;

type Found = Exclude<VerifyOutcome, { kind: "unknown" }>;

/** What a code may belong to: the signed content, the parts a pasted copy must contain, and the outcome if it does. */
interface Candidate {
  readonly kind: "alert" | "closure" | "campaign";
  readonly refId: number;
  readonly areaCode: string;
  readonly parts: readonly string[];
  readonly found: (kind: Found["kind"]) => Found;
}

export async function verifyMessage(input: { code: string; pasted?: string; store: SignedMessageStore; signer: MessageSigner; now: Date }): Promise<VerifyOutcome> {
  const code = normaliseCode(input.code);
  if (!/^[2-9A-HJ-NP-Z]{6}$/.test(code)) return { kind: "unknown" };
  const since = new Date(input.now.getTime() - LOOKBACK_DAYS * 86_400_000);
  const alerts = await input.store.alertsSince(since);
  for (const alert of alerts) {
    const candidates: Candidate[] = [
      { kind: "alert", refId: alert.id, areaCode: alert.areaCode, parts: [alert.text], found: (kind) => ({ kind, what: "alert", alert }) },
      ...(alert.closureText ? [{ kind: "closure" as const, refId: alert.id, areaCode: alert.areaCode, parts: [alert.closureText], found: (kind: Found["kind"]) => ({ kind, what: "closure" as const, alert }) }] : []),
    ];
    for (const c of candidates) {
      const outcome = check({ candidate: c, code, pasted: input.pasted, signer: input.signer });
      if (outcome) return outcome;
    }
  }
  for (const run of await input.store.campaignRunsSince(since)) {
    const candidate: Candidate = { kind: "campaign", refId: run.runId, areaCode: run.areaCode, parts: campaignSignedParts(run), found: (kind) => ({ kind, what: "campaign", campaign: run }) };
    const outcome = check({ candidate, code, pasted: input.pasted, signer: input.signer });
    if (outcome) return outcome;
  }
  return { kind: "unknown" };
}

function check(input: { candidate: Candidate; code: string; pasted: string | undefined; signer: MessageSigner }): Found | undefined {
  const { candidate: c, pasted } = input;
  if (!input.signer.matches(input.code, { kind: c.kind, refId: c.refId, areaCode: c.areaCode, text: c.parts.join("\n") })) return undefined;
  if (pasted !== undefined && !c.parts.every((part) => normaliseForSigning(pasted).includes(normaliseForSigning(part)))) return c.found("altered");
  return c.found("authentic");
}

/** Finds a verification code in pasted text (`Mã xác thực: 7KQ-2FD`, `Verification code: …`). */
export function findCode(text: string): string | undefined {
  return /(?:mã xác thực|verification code)\s*:?\s*([2-9A-HJ-NP-Z]{3}-?[2-9A-HJ-NP-Z]{3})/iu.exec(text.normalize("NFC"))?.[1];
}
