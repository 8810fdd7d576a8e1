/**
 * «Thu hồi» beside a role holder on the console's area page: `/thuhoi`'s own checks and revocation
 * (`revokeHeldRole`: the admin's area, the last admin of a top-level area, the holder told, the
 * audit entry), with the role chosen by its id instead of a number in a chat list.
 */
import { t } from "../../core/text.js";
import type { AreaAdminDeps } from "../areas/deps.js";
import { revokeHeldRole } from "../areas/revoke-held-role.js";
import { consoleCommandContext, refusalsAsNotices } from "./console-context.js";
import type { ConsoleDeps } from "./deps.js";
import type { ConsoleNotice, ConsoleSessionRecord } from "./types.js";

export async function revokeConsoleRole(input: {
  deps: { console: ConsoleDeps; areas: AreaAdminDeps };
  session: ConsoleSessionRecord;
  roleId: number;
}): Promise<ConsoleNotice[]> {
  const { deps, session, roleId } = input;
  const { ctx, notices, refuse } = consoleCommandContext({
    deps: deps.console,
    session,
    command: "thuhoi",
    args: String(roleId),
  });
  // As the router does for `/thuhoi`: admins only, then the role's own area.
  if (!(await deps.console.access.inAudience(session.user, "admin"))) {
    await refuse(t("areas:revoke.forbidden"));
    return notices;
  }
  await refusalsAsNotices(() => revokeHeldRole({ ctx, roleId, deps: deps.areas }), refuse);
  return notices;
}
