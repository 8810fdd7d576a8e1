/** Commands of the areas module: areas, invites, roles, group registration and their administration. */
import { type ButtonSpec, type CommandContext, commandsOf, type CommandSpec } from "../../core/commands.js";
import { createArea } from "./create-area.js";
import { createInvite } from "./create-invite.js";
import { createRegistrationLink, REGISTRATION_LINK_PREFIX } from "./create-registration-link.js";
import { decideGroupOffer } from "./decide-group-offer.js";
import type { GroupDeepLink } from "./group-start-links.js";
import type { GroupSetupDeps } from "./group-setup-deps.js";
import { GROUP_OFFER_PREFIX } from "./offer-group-approval.js";
import { editArea } from "./edit-area.js";
import { listMembers } from "./list-members.js";
import { listRoles } from "./list-roles.js";
import { redeemInvite } from "./redeem-invite.js";
import { registerGroup } from "./register-group.js";
import { registerGroupByLink } from "./register-group-by-link.js";
import { removeArea } from "./remove-area.js";
import { revokeListedRole } from "./revoke-listed-role.js";
import { unregisterGroup } from "./unregister-group.js";
import { withdrawInvite } from "./withdraw-invite.js";

export function areaCommands(deps: GroupSetupDeps): CommandSpec[] {
  const withArgs = (use: (input: { ctx: CommandContext; args: string; deps: GroupSetupDeps }) => Promise<void>) => {
    return (ctx: CommandContext) => use({ ctx, args: ctx.args, deps });
  };
  return [
    ...commandsOf("areas", { where: "private", audience: "admin" }, [
      // Creating a top-level area is for superadmins, under an area for its admins: refused with the parent named.
      { names: ["themkhuvuc", "area_add"], audienceCheckedByHandler: true, run: withArgs(createArea) },
      { names: ["suakhuvuc", "area_edit"], refusalKey: "areas:edit.forbiddenAny", run: withArgs(editArea) },
      { names: ["xoakhuvuc", "area_remove"], refusalKey: "areas:remove.forbiddenAny", run: withArgs(removeArea) },
      // An officer may invite relays with it: the handler checks the role per invited role and area.
      { names: ["moi", "invite"], audienceCheckedByHandler: true, run: withArgs(createInvite) },
      { names: ["huymoi", "invite_cancel"], refusalKey: "areas:withdraw.forbidden", run: withArgs(withdrawInvite) },
      { names: ["thanhvien", "members"], refusalKey: "areas:members.forbidden", run: withArgs(listMembers) },
      { names: ["thuhoi", "revoke"], refusalKey: "areas:revoke.forbidden", run: withArgs(revokeListedRole) },
    ]),
    ...commandsOf("areas", { where: "private", audience: "anyone" }, [
      { names: ["thamgia", "join"], run: (ctx) => redeemInvite({ ctx, code: ctx.args, deps }) },
      { names: ["vaitro", "roles"], run: (ctx) => listRoles({ ctx, deps }) },
    ]),
    // Their refusals name the typed area (or the group's) and differ in a private chat: the handlers check.
    ...commandsOf("areas", { audience: "officer", audienceCheckedByHandler: true }, [
      { names: ["dangky", "register"], where: "any", run: (ctx) => register(ctx, deps) },
      { names: ["huydangky", "unregister"], where: "group", run: (ctx) => unregisterGroup({ ctx, deps }) },
    ]),
  ];
}

/** In a group: link it now. In a private chat: a one-tap link that adds the bot to a group and links it. */
function register(ctx: CommandContext, deps: GroupSetupDeps): Promise<void> {
  return ctx.chat.kind === "group"
    ? registerGroup({ ctx, args: ctx.args, deps })
    : createRegistrationLink({ ctx, deps });
}

/** "Duyệt cho <area>" / "Không" on a group a resident added the bot to. */
export function areaButtons(deps: GroupSetupDeps): ButtonSpec[] {
  return [{ prefix: GROUP_OFFER_PREFIX, run: (ctx, payload) => decideGroupOffer({ ctx, payload, deps }) }];
}

/** `/start reg_<code>` in a group, sent by Telegram after a `?startgroup=reg_<code>` link. */
export function areaGroupDeepLinks(deps: GroupSetupDeps): GroupDeepLink[] {
  return [{ prefix: REGISTRATION_LINK_PREFIX, run: (ctx, value) => registerGroupByLink({ ctx, value, deps }) }];
}
