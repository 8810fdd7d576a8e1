/** The buttons of `/theodoi`'s area browser, and the name typed while it waits. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { FlowHandler } from "../flows/types.js";
import type { AlertDeps } from "./deps.js";
import { FOLLOW_FLOW, followByName, openAreaBrowser, setFollowing } from "./follow-area.js";

/** `o:<areaId|0>` opens a level, `p:<areaId>` follows an area, `u:<areaId>` stops; anything else is stale. */
export async function pressFollowButton(input: {
  ctx: ButtonContext;
  deps: AlertDeps;
  payload: string;
}): Promise<void> {
  const { ctx, deps } = input;
  const match = /^([opu]):(\d{1,10})$/.exec(input.payload);
  const id = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(id) || id > 2_147_483_647 || ctx.chat.kind !== "private")
    return ctx.answer(t("common:errors.buttonExpired"));
  await ctx.answer();
  if (match[1] === "o") return openAreaBrowser({ ctx, deps, parentId: id === 0 ? null : id });
  if (id === 0) return;
  await setFollowing({ ctx, deps, follow: match[1] === "p", areaId: id });
}

/** A text typed after a bare `/theodoi` is an area's name; anything else is answered with the hint. */
export function followFlowHandler(deps: AlertDeps): FlowHandler {
  return {
    flow: FOLLOW_FLOW,
    async onMessage({ ctx, event }) {
      if (event.type !== "text" || !event.text.trim()) return ctx.reply(t("alerts:follow.typeName"));
      // One match is followed (which ends this wait); several or none are answered with buttons.
      await followByName({ ctx, deps, name: event.text.trim() });
    },
  };
}
