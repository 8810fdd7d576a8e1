/**
 * `oa:<command>:<areaId>`: an area chosen from the buttons of a bare `/thongke`, `/baocao` or
 * `/apphich` runs that command for it, exactly as if `/<command> <area code>` had been typed.
 */
import type { ButtonSpec, CommandSpec } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { findCommand, runCommandAs } from "../general/run-command.js";
import type { AreaStore } from "./types.js";

const PREFIX = "oa";
/** Only these may be run from such a button: a forged press runs nothing else. */
const AREA_COMMANDS = new Set(["thongke", "baocao", "apphich"]);

export const offersAreaButtons = (command: string) => AREA_COMMANDS.has(command);
export const officerAreaCallback = (command: string, areaId: number) => `${PREFIX}:${command}:${areaId}`;

export function officerAreaButton(deps: { areas: AreaStore; commands: () => readonly CommandSpec[] }): ButtonSpec {
  return {
    prefix: PREFIX,
    async run(ctx, payload) {
      const [command, rawId] = payload.split(":");
      const spec = command && AREA_COMMANDS.has(command) ? findCommand(deps.commands(), command) : undefined;
      const area = /^\d{1,9}$/.test(rawId ?? "") ? await deps.areas.findAreaById(Number(rawId)) : null;
      if (!spec || !area) return ctx.answer(t("common:errors.buttonExpired"));
      await ctx.answer();
      return runCommandAs({ ctx, event: ctx.event, spec, args: area.code });
    },
  };
}
