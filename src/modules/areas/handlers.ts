/** Commands of the areas module: areas, invites, roles, group registration and their administration. */
import type { CommandSpec } from "../../core/commands.js";
import { createArea } from "./create-area.js";
import { createInvite } from "./create-invite.js";
import type { AreaAdminDeps } from "./deps.js";
import { editArea } from "./edit-area.js";
import { listMembers } from "./list-members.js";
import { listRoles } from "./list-roles.js";
import { redeemInvite } from "./redeem-invite.js";
import { registerGroup } from "./register-group.js";
import { removeArea } from "./remove-area.js";
import { revokeListedRole } from "./revoke-listed-role.js";
import { unregisterGroup } from "./unregister-group.js";
import { withdrawInvite } from "./withdraw-invite.js";

export function areaCommands(deps: AreaAdminDeps): CommandSpec[] {
  return [
    { names: ["themkhuvuc", "area_add"], where: "private", audience: "admin", helpKey: "areas:help.themkhuvuc", run: (ctx) => createArea({ ctx, args: ctx.args, deps }) },
    { names: ["suakhuvuc", "area_edit"], where: "private", audience: "admin", helpKey: "areas:help.suakhuvuc", run: (ctx) => editArea({ ctx, args: ctx.args, deps }) },
    { names: ["xoakhuvuc", "area_remove"], where: "private", audience: "admin", helpKey: "areas:help.xoakhuvuc", run: (ctx) => removeArea({ ctx, args: ctx.args, deps }) },
    { names: ["moi", "invite"], where: "private", audience: "admin", helpKey: "areas:help.moi", run: (ctx) => createInvite({ ctx, args: ctx.args, deps }) },
    { names: ["huymoi", "invite_cancel"], where: "private", audience: "admin", helpKey: "areas:help.huymoi", run: (ctx) => withdrawInvite({ ctx, args: ctx.args, deps }) },
    { names: ["thanhvien", "members"], where: "private", audience: "admin", helpKey: "areas:help.thanhvien", run: (ctx) => listMembers({ ctx, args: ctx.args, deps }) },
    { names: ["thuhoi", "revoke"], where: "private", audience: "admin", helpKey: "areas:help.thuhoi", run: (ctx) => revokeListedRole({ ctx, args: ctx.args, deps }) },
    { names: ["thamgia", "join"], where: "private", audience: "anyone", helpKey: "areas:help.thamgia", run: (ctx) => redeemInvite({ ctx, code: ctx.args, deps }) },
    { names: ["vaitro", "roles"], where: "private", audience: "anyone", helpKey: "areas:help.vaitro", run: (ctx) => listRoles({ ctx, deps }) },
    { names: ["dangky", "register"], where: "group", audience: "officer", helpKey: "areas:help.dangky", run: (ctx) => registerGroup({ ctx, args: ctx.args, deps }) },
    { names: ["huydangky", "unregister"], where: "group", audience: "officer", helpKey: "areas:help.huydangky", run: (ctx) => unregisterGroup({ ctx, deps }) },
  ];
}
