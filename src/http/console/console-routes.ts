/** Every route of the officers' console (issue 21), on the app's own HTTP server. */
import type { Route } from "../server.js";
import type { ConsoleHttpDeps } from "./console-http-deps.js";
import { sessionRoutes } from "./session-routes.js";
import { adminRoutes } from "./admin-routes.js";
import { adminAreaRoutes } from "./admin-area-routes.js";
import { adminInviteRoutes } from "./admin-invite-routes.js";
import { alarmRoutes } from "./alarm-routes.js";
import { alertRoutes } from "./alert-routes.js";
import { statsRoutes } from "./stats-routes.js";
import { tipRoutes } from "./tip-routes.js";

export function consoleRoutes(deps: ConsoleHttpDeps): Route[] {
  return [
    ...sessionRoutes(deps),
    ...tipRoutes(deps),
    ...alertRoutes(deps, deps.alerts),
    ...statsRoutes(deps),
    ...alarmRoutes(deps),
    ...adminRoutes(deps, deps.commands, deps.audit),
    ...adminAreaRoutes(deps, deps.admin),
    ...adminInviteRoutes(deps, deps.admin),
  ];
}
