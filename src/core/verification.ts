/**
 * Verification codes on what Kẻng sends (alerts, closures, campaign messages): an HMAC with
 * ALERT_SIGNING_KEY over the kind, message id, area code and the author's text after NFC
 * normalisation and whitespace collapsing — a pasted copy (formatting lost) still verifies, an
 * altered text does not. Old keys stay valid for checking after a rotation. Each code is recorded
 * with the area as the message showed it, so what a code stands for is fixed when it is issued.
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

/** Stands for "any number" in an expected copy: Zalo numbers a message's choices per chat. */
export const ANY_NUMBER = "\u0000";

/**
 * Whether a pasted text is the expected message word for word, both normalised as for signing.
 * Emoji variation selectors (invisible, often dropped by copy and paste) are ignored.
 */
export function sameText(pasted: string, expected: string): boolean {
  const comparable = (text: string) => normaliseForSigning(text.replace(/[\uFE0E\uFE0F]/gu, ""));
  const have = comparable(pasted);
  const want = comparable(expected);
  if (!want.includes(ANY_NUMBER)) return have === want;
  const pattern = want
    .split(ANY_NUMBER)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\d{1,4}");
  return new RegExp(`^${pattern}$`, "u").test(have);
}

/** What an area's wording needs of it (its police unit is worded from these). */
export interface IssuedUnit {
  readonly name: string;
  /** An area kind (`phuong`, `thon`…), or null when not known. */
  readonly kind: string | null;
  readonly unitName: string | null;
}

/**
 * The area a message was sent in, as the message showed it, written down when its code is issued:
 * `/kiemtra` rebuilds the message from this, so an area renamed, re-worded or removed (its history
 * moved to the parent) later does not turn real copies into "altered" or "not found".
 */
export interface IssuedArea extends IssuedUnit {
  /** The area code the code was signed over. */
  readonly code: string;
  /** The parent's wording, used when the area has no police of its own. */
  readonly parent: IssuedUnit | null;
}

/** A code as issued: stored (without its dash) so a lookup goes by index, not by recomputing every code. */
export interface IssuedCode {
  /** `7KQ2FD`. */
  readonly code: string;
  readonly kind: SignedContent["kind"];
  readonly refId: number;
  /** Which signing key made it ({@link MessageSigner.keyId}). */
  readonly keyId: string;
  /** The area as the message showed it; its `code` is the one signed. */
  readonly area: IssuedArea;
}

/**
 * Where issued codes are written down. A row alone proves nothing: whoever reads one recomputes the
 * HMAC over the stored text, so a row written without the key never verifies.
 */
export interface IssuedCodeStore {
  /** Records codes; one already recorded for the same kind, message and key is kept as it is. */
  record(codes: readonly IssuedCode[]): Promise<void>;
  /**
   * Records a code unless one is recorded for the same kind, message and key, and returns the one
   * recorded: an alert's cancellation carries the alert's own code and shows its area as it was.
   */
  recordOne(code: IssuedCode): Promise<IssuedCode>;
}

export class MessageSigner {
  private readonly keys: readonly { id: string; key: string }[];

  constructor(currentKey: string, oldKeys: readonly string[] = []) {
    this.keys = [currentKey, ...oldKeys].map((key) => ({
      id: createHash("sha256").update(key).digest("hex").slice(0, 4),
      key,
    }));
  }

  /** Id of the current key (4 hex digits of its SHA-256), stored beside every code it makes. */
  get keyId(): string {
    return this.current().id;
  }

  /** `7KQ-2FD` under the current key. */
  code(content: SignedContent): string {
    return codeWith(this.current().key, content);
  }

  /** The content's code under every known key, current first (old messages may carry any of them). */
  codesUnderEveryKey(content: SignedContent, area: IssuedArea): IssuedCode[] {
    return this.keys.map((k) => ({
      code: normaliseCode(codeWith(k.key, content)),
      kind: content.kind,
      refId: content.refId,
      keyId: k.id,
      area,
    }));
  }

  /** Whether `code` was made for this content under the key `keyId`, or under any known key without one. */
  matches(code: string, content: SignedContent, keyId?: string): boolean {
    const wanted = normaliseCode(code);
    return this.keys.some(
      (k) => (keyId === undefined || k.id === keyId) && normaliseCode(codeWith(k.key, content)) === wanted,
    );
  }

  private current(): { id: string; key: string } {
    const first = this.keys[0];
    if (!first) throw new Error("no signing key");
    return first;
  }
}

/**
 * Signs content (over the area's code) with the current key and records the code with the area as
 * shown. Returns the code as printed (`7KQ-2FD`) and the area to show: for a message already signed
 * under this key (an alert, again on its cancellation) the code and area recorded the first time.
 */
export async function issueCode(options: {
  signer: MessageSigner;
  codes: IssuedCodeStore;
  content: Omit<SignedContent, "areaCode">;
  area: IssuedArea;
}): Promise<{ code: string; area: IssuedArea }> {
  const { signer, content, area } = options;
  const code = signer.code({ ...content, areaCode: area.code });
  const recorded = await options.codes.recordOne({
    code: normaliseCode(code),
    kind: content.kind,
    refId: content.refId,
    keyId: signer.keyId,
    area,
  });
  return { code: printedCode(recorded.code), area: recorded.area };
}

/** `7KQ2FD` → `7KQ-2FD`, as printed on messages. */
export function printedCode(code: string): string {
  const bare = normaliseCode(code);
  return bare.length === 6 ? `${bare.slice(0, 3)}-${bare.slice(3)}` : bare;
}

/** Whether a normalised code is made of six letters of the code alphabet. */
export function isWellFormedCode(code: string): boolean {
  return code.length === 6 && [...code].every((c) => ALPHABET.includes(c));
}

/** Accepts `7kq-2fd`, `7KQ2FD`, `7KQ 2FD`. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

function codeWith(key: string, content: SignedContent): string {
  const mac = createHmac("sha256", key)
    .update(`${content.kind}\n${content.refId}\n${content.areaCode}\n${normaliseForSigning(content.text)}`)
    .digest();
  let value = mac.readUIntBE(0, 5); // 40 bits; 6 characters of 31 use ~29.7 of them
  let out = "";
  for (let i = 0; i < 6; i++) {
    out += ALPHABET[value % ALPHABET.length];
    value = Math.floor(value / ALPHABET.length);
  }
  return `${out.slice(0, 3)}-${out.slice(3)}`;
}
