/**
 * `/bangdieukhien` (`/console`) in a private chat: a one-time link that opens the console in a
 * browser, valid CONSOLE_LINK_MINUTES, then the person's open sessions with a button to end each.
 * Only role holders get one (the command's audience); a few links per person per ten minutes.
 */
import type { CommandContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { formatDateTime } from "../../core/time.js";
import { lines, t, type Text } from "../../core/text.js";
import type { ConsoleDeps } from "./deps.js";
import { endConsoleSessions } from "./end-console-sessions.js";
import { hashToken, newToken } from "./tokens.js";

/** Links one person may ask for per window: enough for a few devices, too few to flood. */
export const LINK_LIMIT = { max: 5, windowSeconds: 600 } as const;
export const CONSOLE_BUTTON_PREFIX = "console";

const LOGOUT_WORDS = new Set(["thoat", "thoát", "logout", "dangxuat", "đăngxuất"]);
const LIST_WORDS = new Set(["phien", "phiên", "sessions"]);

export async function issueConsoleLink(input: { ctx: CommandContext; deps: ConsoleDeps }): Promise<void> {
  const { ctx, deps } = input;
  const word = ctx.args.trim().toLowerCase().replace(/\s+/g, "");
  if (LOGOUT_WORDS.has(word)) return endConsoleSessions({ ctx, deps });
  if (LIST_WORDS.has(word))
    return ctx.reply(await sessionsText({ ctx, deps }), { buttons: await endButtons(ctx, deps) });
  const hit = await deps.attempts.hit({ key: `console-link:${ctx.user.id}`, ...LINK_LIMIT });
  if (!hit.allowed)
    return ctx.reply(t("console:link.tooMany", { minutes: Math.max(1, Math.ceil(hit.retryInSeconds / 60)) }));
  const token = newToken();
  const now = deps.clock.now();
  await deps.sessions.createLink({
    userId: ctx.user.id,
    chatId: ctx.chat.id,
    linkHash: hashToken(token),
    linkExpiresAt: new Date(now.getTime() + deps.settings.linkMinutes * 60_000),
    locale: ctx.locale,
  });
  await deps.audit.record({ actorUserId: ctx.user.id, action: "console.link" });
  const url = `${deps.baseUrl().replace(/\/$/, "")}/console/open/${token}`;
  await ctx.reply(
    lines(
      t("console:link.sent", { url, minutes: deps.settings.linkMinutes, hours: deps.settings.sessionHours }),
      await sessionsText({ ctx, deps }),
    ),
    { buttons: await endButtons(ctx, deps) },
  );
}

async function sessionsText(input: { ctx: CommandContext; deps: ConsoleDeps }): Promise<Text> {
  const { ctx, deps } = input;
  const live = await deps.sessions.listLive({ userId: ctx.user.id, now: deps.clock.now() });
  if (live.length === 0) return t("console:sessions.none");
  const at = (date: Date | null) => (date ? formatDateTime(date, ctx.locale, deps.settings.timeZone) : "—");
  return lines(
    t("console:sessions.title", { count: live.length }),
    ...live.map((s) => t("console:sessions.line", { id: s.id, opened: at(s.openedAt), until: at(s.expiresAt) })),
    t("console:sessions.hint"),
  );
}

async function endButtons(ctx: CommandContext, deps: ConsoleDeps): Promise<Button[][]> {
  const live = await deps.sessions.listLive({ userId: ctx.user.id, now: deps.clock.now() });
  const rows: Button[][] = live
    .slice(0, 5)
    .map((s) => [{ text: t("console:sessions.end", { id: s.id }), callback: `${CONSOLE_BUTTON_PREFIX}:end:${s.id}` }]);
  if (live.length > 1)
    rows.push([{ text: t("console:sessions.endAll"), callback: `${CONSOLE_BUTTON_PREFIX}:end:all` }]);
  return rows;
}
