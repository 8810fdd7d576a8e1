/** Ends the person's console sessions from the chat: one (its button) or all (`/bangdieukhien thoat`). */
import type { ButtonContext, RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { ConsoleDeps } from "./deps.js";

export async function endConsoleSessions(input: {
  ctx: RequestContext;
  deps: ConsoleDeps;
  id?: number;
}): Promise<void> {
  const { ctx, deps, id } = input;
  const ended = await deps.sessions.end({
    userId: ctx.user.id,
    ...(id === undefined ? {} : { id }),
    now: deps.clock.now(),
  });
  if (ended > 0)
    await deps.audit.record({ actorUserId: ctx.user.id, action: "console.end", details: { sessions: ended } });
  await ctx.reply(ended > 0 ? t("console:sessions.ended", { count: ended }) : t("console:sessions.noneToEnd"));
}

/** The button under the list: `console:end:<id>` or `console:end:all`. */
export async function pressEndButton(input: { ctx: ButtonContext; deps: ConsoleDeps; payload: string }): Promise<void> {
  const { ctx, deps, payload } = input;
  const match = /^end:(all|\d{1,10})$/.exec(payload);
  if (!match?.[1]) return ctx.answer(t("common:errors.buttonExpired"));
  await ctx.answer();
  await endConsoleSessions({ ctx, deps, ...(match[1] === "all" ? {} : { id: Number(match[1]) }) });
}
