/**
 * `/bxh [areaCode]` (`/top`): in a group, its members by points; in a private chat, the groups of the
 * user's area (the area above the groups they were seen in, so a tổ sees how it does in its phường).
 */
import type { CommandContext } from "../../core/commands.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import { isValidAreaCode, normaliseAreaCode, parentCode } from "../areas/area-code.js";
import type { AreaRecord } from "../areas/types.js";
import type { QuizDeps } from "./deps.js";

const TOP = 10;
const MEDALS = ["🥇", "🥈", "🥉"];
const medal = (rank: number) => MEDALS[rank - 1] ?? `${rank}.`;

export async function showLeaderboard(input: { ctx: CommandContext; deps: QuizDeps }): Promise<void> {
  const { ctx } = input;
  return ctx.chat.kind === "group" ? showGroupRanking(input) : showAreaRanking(input);
}

async function showGroupRanking(input: { ctx: CommandContext; deps: QuizDeps }): Promise<void> {
  const { ctx, deps } = input;
  const { top, mine } = await deps.quizzes.groupRanking({ chatId: ctx.chat.id, limit: TOP, userId: ctx.user.id });
  if (top.length === 0) return ctx.reply(t("quizzes:top.emptyGroup"));
  const rows: Text[] = top.map((s) =>
    t("quizzes:top.groupLine", {
      medal: medal(s.rank),
      name: raw(s.name ?? "—"),
      points: s.points,
      answered: s.answered,
    }),
  );
  const showMine = mine && !top.some((s) => s.userId === mine.userId);
  await ctx.reply(
    lines(
      t("quizzes:top.groupTitle", { group: raw(ctx.chat.title ?? "—") }),
      ...rows,
      ...(showMine ? [t("quizzes:top.mine", { rank: mine.rank, points: mine.points })] : []),
      t("quizzes:top.footer"),
    ),
  );
}

async function showAreaRanking(input: { ctx: CommandContext; deps: QuizDeps }): Promise<void> {
  const { ctx, deps } = input;
  const area = await rankingArea(input);
  if (!area) return;
  const groups = await deps.quizzes.areaRanking({ areaCode: area.code, limit: TOP });
  if (groups.length === 0) return ctx.reply(t("quizzes:top.emptyArea", { area: area.name }));
  await ctx.reply(
    lines(
      t("quizzes:top.areaTitle", { area: area.name }),
      ...groups.map((g) =>
        t("quizzes:top.areaLine", {
          medal: medal(g.rank),
          group: raw(g.title ?? "—"),
          points: g.points,
          participants: g.participants,
        }),
      ),
      t("quizzes:top.footer"),
    ),
  );
}

/** The area whose groups are ranked: the one typed, or the one above the user's groups; replies when unclear. */
async function rankingArea(input: { ctx: CommandContext; deps: QuizDeps }): Promise<AreaRecord | null> {
  const { ctx, deps } = input;
  const typed = ctx.args.split(/\s+/).filter(Boolean)[0];
  if (typed) {
    const code = normaliseAreaCode(typed);
    const area = isValidAreaCode(code) ? await deps.areas.findArea(code) : null;
    if (!area) await ctx.reply(t("areas:area.notFound", { code }));
    return area;
  }
  const seen = await Promise.all(
    (await deps.identity.areasSeenIn(ctx.user.id)).map((id) => deps.areas.findAreaById(id)),
  );
  const scopes = [...new Set(seen.flatMap((a) => (a ? [parentCode(a.code) ?? a.code] : [])))].sort();
  if (scopes.length > 1) {
    await ctx.reply(t("quizzes:top.whichArea", { commands: scopes.map((c) => `/bxh ${c}`).join(", ") }));
    return null;
  }
  const area = scopes[0] ? await deps.areas.findArea(scopes[0]) : null;
  if (!area) await ctx.reply(t("quizzes:top.noArea"));
  return area;
}
