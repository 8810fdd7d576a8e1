/**
 * Verification codes on what Kẻng sends (alerts, closures, campaign messages): an HMAC with
 * ALERT_SIGNING_KEY over the kind, message id, area code and the author's text after NFC
 * normalisation and whitespace collapsing — a pasted copy (formatting lost) still verifies, an
 * altered text does not. Old keys stay valid for checking after a rotation.
 */
import { createHash, createHmac } from "node:crypto";

export interface SignedContent {
  /** `refId` is the alert id for an alert or closure, the `CampaignRun` id for a campaign message. */
  readonly kind: "alert" | "closure" | "campaign";
  readonly refId: number;
  readonly areaCode: string;
  readonly text: string;
}

/** Letters and digits that cannot be confused when read aloud or retyped. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** NFC, one space between words, no leading or trailing space. */
export function normaliseForSigning(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

export class MessageSigner {
  private readonly keys: readonly { id: string; key: string }[];

  constructor(currentKey: string, oldKeys: readonly string[] = []) {
    this.keys = [currentKey, ...oldKeys].map((key) => ({ id: createHash("sha256").update(key).digest("hex").slice(0, 4), key }));
  }

  /** `7KQ-2FD` under the current key. */
  code(content: SignedContent): string {
    const first = this.keys[0];
    if (!first) throw new Error("no signing key");
    return codeWith(first.key, content);
  }

  /** Whether `code` was made for this content under any known key. */
  matches(code: string, content: SignedContent): boolean {
    const wanted = normaliseCode(code);
    return this.keys.some((k) => codeWith(k.key, content).replace("-", "") === wanted);
  }
}

/** Accepts `7kq-2fd`, `7KQ2FD`, `7KQ 2FD`. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

function codeWith(key: string, content: SignedContent): string {
  const mac = createHmac("sha256", key).update(`${content.kind}\n${content.refId}\n${content.areaCode}\n${normaliseForSigning(content.text)}`).digest();
  let value = mac.readUIntBE(0, 5); // 40 bits; 6 characters of 31 use ~29.7 of them
  let out = "";
  for (let i = 0; i < 6; i++) {
    out += ALPHABET[value % ALPHABET.length];
    value = Math.floor(value / ALPHABET.length);
  }
  return `${out.slice(0, 3)}-${out.slice(3)}`;
}
