/**
 * Hòm thư giúp bạn (issue 18): a school's help mailbox is the tip mailbox with another kind. A
 * student's request goes to the school's counsellors and to the officers holding a role on the
 * school itself — never to the ward's officers, who receive it only by the tips' escalation, when
 * nobody at the school took it in time. Every screen the student sees names 111 and 113.
 */
import { t, type Text } from "../../core/text.js";
import type { UserRecord } from "../../core/actors.js";
import type { Access } from "../areas/access.js";
import type { AreaRecord } from "../areas/types.js";
import type { TipDeps } from "./deps.js";
import { findHandlers, type Handlers } from "./find-handlers.js";
import {
  HELP_CATEGORIES,
  TIP_CATEGORIES,
  type OfficerRecord,
  type TipCategory,
  type TipKind,
  type TipRecord,
} from "./types.js";

/** A request started for a school is a help request. */
export function kindOfArea(area: Pick<AreaRecord, "kind"> | null | undefined): TipKind {
  return area?.kind === "truonghoc" ? "help" : "crime";
}

export function categoriesOf(kind: TipKind): readonly TipCategory[] {
  return kind === "help" ? HELP_CATEGORIES : TIP_CATEGORIES;
}

/** "Gọi 111 (bảo vệ trẻ em, miễn phí) · nguy hiểm ngay: 113", on every screen of a help request. */
export function hotlines(): Text {
  return t("tips:helpbox.hotlines");
}

/** The hotlines for a help request, nothing for a tip: what a message to the person ends with. */
export function hotlinesFor(kind: TipKind): Text[] {
  return kind === "help" ? [hotlines()] : [];
}

/**
 * Who receives a help request first: the school's counsellors and the officers of the school area
 * itself. Nobody there: the tip's usual routing from the area above (the request must not wait
 * unread), which is what escalation would have done.
 */
export async function findHelpHandlers(input: {
  deps: Pick<TipDeps, "officers" | "superadmins">;
  schoolId: number;
}): Promise<Handlers | null> {
  const { deps } = input;
  const school = (await deps.officers.areaChain(input.schoolId))[0];
  if (!school) return null;
  const people = new Map(
    [...(await deps.officers.counsellorsOf(school.id)), ...(await deps.officers.officersOf(school.id))].map((p) => [
      p.userId,
      p,
    ]),
  );
  if (people.size > 0)
    return { areaId: school.id, canEscalate: school.parentId !== null, officers: [...people.values()] };
  return school.parentId
    ? findHandlers({ deps, fromAreaId: school.parentId })
    : findHandlers({ deps, fromAreaId: school.id });
}

/** Who handles a tip now: a help request still at its school goes to the school's people only. */
export function handlersOf(input: {
  deps: Pick<TipDeps, "officers" | "superadmins">;
  tip: Pick<TipRecord, "kind" | "area" | "handlingAreaId">;
}): Promise<Handlers | null> {
  const { deps, tip } = input;
  if (tip.kind === "help" && tip.handlingAreaId === tip.area.id)
    return findHelpHandlers({ deps, schoolId: tip.area.id });
  return findHandlers({ deps, fromAreaId: tip.handlingAreaId });
}

/** Who hears a tipster's follow-up: the officer who took the tip, else those handling it now. */
export async function currentRecipients(input: {
  deps: Pick<TipDeps, "officers" | "superadmins">;
  tip: Pick<TipRecord, "kind" | "area" | "handlingAreaId" | "takenById">;
}): Promise<readonly OfficerRecord[]> {
  const { deps, tip } = input;
  if (tip.takenById !== null) {
    const officer = await deps.officers.officer(tip.takenById);
    return officer ? [officer] : [];
  }
  return (await handlersOf({ deps, tip }))?.officers ?? [];
}

/**
 * Whether a person may act on a tip. A tip: officer rights on its area. A help request: a counsellor
 * of the school, an officer or admin whose role is on the school itself, or — once it was escalated
 * — the officers above.
 */
export async function mayHandle(
  access: Access,
  user: UserRecord,
  tip: Pick<TipRecord, "kind" | "area" | "escalationLevel" | "takenById">,
): Promise<boolean> {
  if (tip.kind !== "help") return access.holds(user, "officer", tip.area.code);
  if (access.isSuperadmin(user) || tip.takenById === user.id) return true;
  const grants = await access.grants(user);
  if (
    grants.some(
      (g) => g.area.id === tip.area.id && (g.role === "counsellor" || g.role === "officer" || g.role === "admin"),
    )
  )
    return true;
  return tip.escalationLevel > 0 && (await access.holds(user, "officer", tip.area.code));
}
