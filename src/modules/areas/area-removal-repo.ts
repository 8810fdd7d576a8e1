/**
 * Removing an area (`/xoakhuvuc`) in one transaction. Every table that points at an area is handled
 * here: the checks refuse while the area is in use, history moves to the parent (stats of the parent
 * count its subtree, so its figures do not change), and what only made sense for this area goes.
 */
import type { Db } from "../../db/client.js";
import type { RemoveAreaOutcome } from "./types.js";

export const areaFields = {
  id: true,
  code: true,
  name: true,
  parentId: true,
  unitName: true,
  phone: true,
  kind: true,
  address: true,
} as const;

export async function deleteAreaIfEmpty(db: Db, input: { areaId: number; now: Date }): Promise<RemoveAreaOutcome> {
  const id = input.areaId;
  return db.$transaction(async (tx) => {
    const area = await tx.area.findUnique({ where: { id }, select: areaFields });
    if (!area) return { kind: "gone" } as const;
    const blockers = [
      { kind: "hasChildren", count: await tx.area.count({ where: { parentId: id } }) },
      { kind: "hasGroups", count: await tx.chat.count({ where: { areaId: id, active: true } }) },
      {
        kind: "hasOpenTips",
        count: await tx.tip.count({
          where: { status: { not: "closed" }, OR: [{ areaId: id }, { handlingAreaId: id }] },
        }),
      },
      { kind: "hasRoles", count: await tx.role.count({ where: { areaId: id, revokedAt: null } }) },
    ] as const;
    const blocker = blockers.find((b) => b.count > 0);
    if (blocker) return blocker;

    const parent =
      area.parentId === null ? null : await tx.area.findUnique({ where: { id: area.parentId }, select: areaFields });
    if (!parent) {
      const history =
        (await tx.alert.count({ where: { areaId: id } })) +
        (await tx.tip.count({ where: { areaId: id } })) +
        (await tx.campaign.count({ where: { areaId: id } }));
      if (history > 0) return { kind: "hasHistory", count: history } as const;
    }
    const to = parent?.id ?? id; // without a parent there is no history left to move
    // A campaign still scheduled for this area would reach nobody here, and everybody in the parent.
    const campaignsCancelled = await tx.campaign.updateMany({
      where: { areaId: id, status: "scheduled" },
      data: { status: "cancelled", cancelledAt: input.now, nextRunAt: null },
    });
    const campaignsMoved = await tx.campaign.updateMany({ where: { areaId: id }, data: { areaId: to } });
    const alertsMoved = await tx.alert.updateMany({ where: { areaId: id }, data: { areaId: to } });
    const tipsMoved = await tx.tip.updateMany({ where: { areaId: id }, data: { areaId: to } });
    await tx.tip.updateMany({ where: { handlingAreaId: id }, data: { handlingAreaId: to } });
    const groupsUnlinked = await tx.chat.updateMany({
      where: { areaId: id },
      data: { areaId: null, registeredById: null, registeredAt: null },
    });
    const followersRemoved = await tx.areaFollower.deleteMany({ where: { areaId: id } });
    const invitesRemoved = await tx.invite.deleteMany({ where: { areaId: id } });
    const revokedRolesRemoved = await tx.role.deleteMany({ where: { areaId: id } });
    await tx.area.delete({ where: { id } });
    return {
      kind: "removed",
      movedTo: parent,
      details: {
        alertsMoved: alertsMoved.count,
        tipsMoved: tipsMoved.count,
        campaignsMoved: campaignsMoved.count,
        campaignsCancelled: campaignsCancelled.count,
        inactiveGroupsUnlinked: groupsUnlinked.count,
        followersRemoved: followersRemoved.count,
        invitesRemoved: invitesRemoved.count,
        revokedRolesRemoved: revokedRolesRemoved.count,
      },
    } as const;
  });
}
