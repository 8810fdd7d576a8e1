/** Commands of the areas module: areas, invites, roles, group registration and their administration. */
import type { ButtonSpec, CommandSpec } from "../../core/commands.js";
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
  return [
    {
      names: ["themkhuvuc", "area_add"],
      where: "private",
      audience: "admin",
      helpKey: "areas:help.themkhuvuc",
      // Creating a top-level area is for superadmins, under an area for its admins: refused with the parent named.
      audienceCheckedByHandler: true,
      run: (ctx) => createArea({ ctx, args: ctx.args, deps }),
    },
    {
      names: ["suakhuvuc", "area_edit"],
      where: "private",
      audience: "admin",
      helpKey: "areas:help.suakhuvuc",
      refusalKey: "areas:edit.forbiddenAny",
      run: (ctx) => editArea({ ctx, args: ctx.args, deps }),
    },
    {
      names: ["xoakhuvuc", "area_remove"],
      where: "private",
      audience: "admin",
      helpKey: "areas:help.xoakhuvuc",
      refusalKey: "areas:remove.forbiddenAny",
      run: (ctx) => removeArea({ ctx, args: ctx.args, deps }),
    },
    {
      names: ["moi", "invite"],
      where: "private",
      audience: "admin",
      helpKey: "areas:help.moi",
      // An officer may invite relays with it: the handler checks the role per invited role and area.
      audienceCheckedByHandler: true,
      run: (ctx) => createInvite({ ctx, args: ctx.args, deps }),
    },
    {
      names: ["huymoi", "invite_cancel"],
      where: "private",
      audience: "admin",
      helpKey: "areas:help.huymoi",
      refusalKey: "areas:withdraw.forbidden",
      run: (ctx) => withdrawInvite({ ctx, args: ctx.args, deps }),
    },
    {
      names: ["thanhvien", "members"],
      where: "private",
      audience: "admin",
      helpKey: "areas:help.thanhvien",
      refusalKey: "areas:members.forbidden",
      run: (ctx) => listMembers({ ctx, args: ctx.args, deps }),
    },
    {
      names: ["thuhoi", "revoke"],
      where: "private",
      audience: "admin",
      helpKey: "areas:help.thuhoi",
      refusalKey: "areas:revoke.forbidden",
      run: (ctx) => revokeListedRole({ ctx, args: ctx.args, deps }),
    },
    {
      names: ["thamgia", "join"],
      where: "private",
      audience: "anyone",
      helpKey: "areas:help.thamgia",
      run: (ctx) => redeemInvite({ ctx, code: ctx.args, deps }),
    },
    {
      names: ["vaitro", "roles"],
      where: "private",
      audience: "anyone",
      helpKey: "areas:help.vaitro",
      run: (ctx) => listRoles({ ctx, deps }),
    },
    // In a group: link it now. In a private chat: a one-tap link that adds the bot to a group and links it.
    {
      names: ["dangky", "register"],
      where: "any",
      audience: "officer",
      helpKey: "areas:help.dangky",
      // Its refusal names the typed area in a group and differs in a private chat: the handler checks.
      audienceCheckedByHandler: true,
      run: (ctx) =>
        ctx.chat.kind === "group"
          ? registerGroup({ ctx, args: ctx.args, deps })
          : createRegistrationLink({ ctx, deps }),
    },
    {
      names: ["huydangky", "unregister"],
      where: "group",
      audience: "officer",
      helpKey: "areas:help.huydangky",
      // Its refusal names the group's area when the group is registered: the handler checks.
      audienceCheckedByHandler: true,
      run: (ctx) => unregisterGroup({ ctx, deps }),
    },
  ];
}

/** "Duyệt cho <area>" / "Không" on a group a resident added the bot to. */
export function areaButtons(deps: GroupSetupDeps): ButtonSpec[] {
  return [{ prefix: GROUP_OFFER_PREFIX, run: (ctx, payload) => decideGroupOffer({ ctx, payload, deps }) }];
}

/** `/start reg_<code>` in a group, sent by Telegram after a `?startgroup=reg_<code>` link. */
export function areaGroupDeepLinks(deps: GroupSetupDeps): GroupDeepLink[] {
  return [{ prefix: REGISTRATION_LINK_PREFIX, run: (ctx, value) => registerGroupByLink({ ctx, value, deps }) }];
}
