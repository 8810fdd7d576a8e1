/**
 * Is this message from Kẻng? A code identifies an alert or closure (codes are recomputed with the
 * signing key over the stored text, so none can be invented); a pasted copy must also still contain
 * the officer's text, after normalisation, or it was altered.
 */
import { MessageSigner, normaliseCode, normaliseForSigning } from "../../core/verification.js";
import type { SignedMessageStore, VerifyOutcome } from "./types.js";

/** Codes older than this are not looked up (alerts are short-lived). */
const LOOKBACK_DAYS = 400;

export async function verifyMessage(input: { code: string; pasted?: string; store: SignedMessageStore; signer: MessageSigner; now: Date }): Promise<VerifyOutcome> {
  const code = normaliseCode(input.code);
  if (!/^[2-9A-HJ-NP-Z]{6}$/.test(code)) return { kind: "unknown" };
  const alerts = await input.store.alertsSince(new Date(input.now.getTime() - LOOKBACK_DAYS * 86_400_000));
  for (const alert of alerts) {
    const candidates = [{ what: "alert" as const, text: alert.text }, ...(alert.closureText ? [{ what: "closure" as const, text: alert.closureText }] : [])];
    for (const c of candidates) {
      if (!input.signer.matches(code, { kind: c.what, refId: alert.id, areaCode: alert.areaCode, text: c.text })) continue;
      if (input.pasted !== undefined && !normaliseForSigning(input.pasted).includes(normaliseForSigning(c.text))) {
        return { kind: "altered", what: c.what, alert };
      }
      return { kind: "authentic", what: c.what, alert };
    }
  }
  return { kind: "unknown" };
}

/** Finds a verification code in pasted text (`Mã xác thực: 7KQ-2FD`, `Verification code: …`). */
export function findCode(text: string): string | undefined {
  return /(?:mã xác thực|verification code)\s*:?\s*([2-9A-HJ-NP-Z]{3}-?[2-9A-HJ-NP-Z]{3})/iu.exec(text.normalize("NFC"))?.[1];
}
