/** Commands and buttons of relayed groups (issue 18 §3). */
import type { ButtonSpec, CommandSpec } from "../../core/commands.js";
import { confirmForward } from "./confirm-forward.js";
import type { RelayDeps } from "./deps.js";
import { registerRelayedGroup } from "./register-relayed-group.js";
import { RELAY_PREFIX } from "./types.js";

export function relayCommands(deps: RelayDeps): CommandSpec[] {
  return [
    {
      names: ["nhomchuyen", "relaygroup"],
      where: "private",
      audience: "relay",
      helpKey: "relays:help.nhomchuyen",
      refusalKey: "relays:group.forbidden",
      run: (ctx) => registerRelayedGroup({ ctx, deps }),
    },
  ];
}

export function relayButtons(deps: RelayDeps): ButtonSpec[] {
  return [{ prefix: RELAY_PREFIX, run: (ctx, payload) => confirmForward({ ctx, deps, payload }) }];
}
