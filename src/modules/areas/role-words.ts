/** The words a role is typed as, by `/moi` and by `npm run admin -- role …`: English, and Vietnamese without tone marks. */
import type { RoleName } from "../../core/actors.js";

const ROLE_WORDS: Readonly<Record<string, RoleName>> = {
  admin: "admin",
  quantri: "admin",
  officer: "officer",
  canbo: "officer",
  propagandist: "propagandist",
  tuyentruyen: "propagandist",
  guard: "guard",
  baove: "guard",
  relay: "relay",
  totruong: "relay",
  counsellor: "counsellor",
  tuvan: "counsellor",
};

/** The role a typed word names (any case), or undefined. */
export function roleFromWord(word: string): RoleName | undefined {
  const key = word.trim().toLowerCase();
  return Object.hasOwn(ROLE_WORDS, key) ? ROLE_WORDS[key] : undefined;
}
