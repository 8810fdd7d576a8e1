/** Commands of the areas module: areas, invites, roles, group registration. */
import type { CommandSpec } from "../../core/commands.js";
import { createArea } from "./create-area.js";
import { createInvite } from "./create-invite.js";
import type { AreaDeps } from "./deps.js";
import { listRoles } from "./list-roles.js";
import { redeemInvite } from "./redeem-invite.js";
import { registerGroup } from "./register-group.js";

export function areaCommands(deps: AreaDeps): CommandSpec[] {
  return [
    { names: ["themkhuvuc", "area_add"], where: "private", audience: "admin", helpKey: "areas:help.themkhuvuc", run: (ctx) => createArea({ ctx, args: ctx.args, deps }) },
    { names: ["moi", "invite"], where: "private", audience: "admin", helpKey: "areas:help.moi", run: (ctx) => createInvite({ ctx, args: ctx.args, deps }) },
    { names: ["thamgia", "join"], where: "private", audience: "anyone", helpKey: "areas:help.thamgia", run: (ctx) => redeemInvite({ ctx, code: ctx.args, deps }) },
    { names: ["vaitro", "roles"], where: "private", audience: "anyone", helpKey: "areas:help.vaitro", run: (ctx) => listRoles({ ctx, deps }) },
    { names: ["dangky", "register"], where: "group", audience: "officer", helpKey: "areas:help.dangky", run: (ctx) => registerGroup({ ctx, args: ctx.args, deps }) },
  ];
}
