/**
 * Sealing of tipster identities at rest (DESIGN.md §5 Tips): AES-256-GCM with a key id, so keys can
 * be rotated (old keys stay readable), and a keyed hash for matching without revealing.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

/** What the domain needs: seal, unseal, and a keyed hash that never reveals its input. */
export interface Sealer {
  /** `kid.iv.tag.ciphertext` (base64url parts). */
  seal(plain: string): string;
  /** Throws when the text was altered or sealed under an unknown key. */
  unseal(sealed: string): string;
  /** The key id a sealed value was made with. */
  keyIdOf(sealed: string): string;
  /** The key id new seals use. */
  readonly currentKeyId: string;
  /** HMAC-SHA256 (base64url, 32 chars) under a key derived from the current seal key. */
  hash(value: string): string;
}

interface Key {
  readonly id: string;
  readonly key: Buffer;
}

function keyFrom(base64: string): Key {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error("a seal key must be 32 bytes (base64)");
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 8), key };
}

export class AesGcmSealer implements Sealer {
  private readonly current: Key;
  private readonly byId: Map<string, Key>;
  private readonly hashKey: Buffer;

  /** `currentKey` seals; `oldKeys` only unseal (rotation). Keys are 32 bytes in base64. */
  constructor(currentKey: string, oldKeys: readonly string[] = []) {
    this.current = keyFrom(currentKey);
    this.byId = new Map([this.current, ...oldKeys.map(keyFrom)].map((k) => [k.id, k]));
    this.hashKey = Buffer.from(hkdfSync("sha256", this.current.key, Buffer.alloc(0), "keng-tipster-hash", 32));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.current.key, iv);
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [
      this.current.id,
      iv.toString("base64url"),
      cipher.getAuthTag().toString("base64url"),
      data.toString("base64url"),
    ].join(".");
  }

  unseal(sealed: string): string {
    const [id, iv, tag, data] = sealed.split(".");
    const key = id ? this.byId.get(id) : undefined;
    if (!key || !iv || !tag || data === undefined) throw new Error("sealed value is malformed or its key is unknown");
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  }

  keyIdOf(sealed: string): string {
    return sealed.split(".")[0] ?? "";
  }

  hash(value: string): string {
    return createHmac("sha256", this.hashKey).update(value).digest("base64url").slice(0, 32);
  }
}

/** The sealed form of a private chat: `platform:chatId`. */
export function sealedChatPlain(platform: string, chatId: string): string {
  return `${platform}:${chatId}`;
}

export function parseSealedChatPlain(plain: string): { platform: string; chatId: string } {
  const i = plain.indexOf(":");
  if (i <= 0) throw new Error("sealed chat is malformed");
  return { platform: plain.slice(0, i), chatId: plain.slice(i + 1) };
}
