/**
 * The areas whose tips a person sees, as `/tingiac` reckons them: officer or admin grants (a
 * superadmin sees all), and a counsellor's school; each tip is then checked with `mayHandle`.
 */
import type { UserRecord } from "../../core/actors.js";
import type { Access } from "../areas/access.js";
import { mayHandle } from "../tips/help-request.js";
import type { TipRecord } from "../tips/types.js";

export async function tipAreasOf(access: Access, user: UserRecord): Promise<readonly string[] | "all"> {
  if (access.isSuperadmin(user)) return "all";
  const grants = await access.grants(user);
  return [
    ...new Set(
      grants
        .filter((g) => g.role === "officer" || g.role === "admin" || g.role === "counsellor")
        .map((g) => g.area.code),
    ),
  ];
}

/** The tips of a list the person may handle (a help request only for those it went to). */
export async function handleable(access: Access, user: UserRecord, tips: readonly TipRecord[]): Promise<TipRecord[]> {
  const allowed = await Promise.all(tips.map((tip) => mayHandle(access, user, tip)));
  return tips.filter((_, i) => allowed[i]);
}
