/** Tracking codes: `TG-` and six unambiguous characters (no 0/O, 1/I/L). */
import { randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const LENGTH = 6;
const PATTERN = new RegExp(`^TG-[${ALPHABET}]{${LENGTH}}$`);

export function newTrackingCode(): string {
  let code = "TG-";
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** A code as people type it (`tg-7k3f9q`, `7K3F9Q`) in canonical form, or undefined if it cannot be one. */
export function normaliseTrackingCode(input: string): string | undefined {
  const compact = input.trim().toUpperCase().replace(/\s+/g, "");
  const code =
    compact.length === LENGTH
      ? `TG-${compact}`
      : compact.startsWith("TG-")
        ? compact
        : `TG-${compact.replace(/^TG/, "")}`;
  return PATTERN.test(code) ? code : undefined;
}
