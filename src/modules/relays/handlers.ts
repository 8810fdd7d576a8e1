/** Commands and buttons of relayed groups (issue 18 §3). */
import { type ButtonSpec, commandsOf, type CommandSpec } from "../../core/commands.js";
import { confirmForward } from "./confirm-forward.js";
import type { RelayDeps } from "./deps.js";
import { registerRelayedGroup } from "./register-relayed-group.js";
import { RELAY_PREFIX } from "./types.js";

export function relayCommands(deps: RelayDeps): CommandSpec[] {
  return commandsOf("relays", { refusalKey: "relays:group.forbidden" }, [
    {
      names: ["nhomchuyen", "relaygroup"],
      where: "private",
      audience: "relay",
      run: (ctx) => registerRelayedGroup({ ctx, deps }),
    },
  ]);
}

export function relayButtons(deps: RelayDeps): ButtonSpec[] {
  return [{ prefix: RELAY_PREFIX, run: (ctx, payload) => confirmForward({ ctx, deps, payload }) }];
}
