/** `/baocao [areaCode]` (`/report`): the coverage and health report of an area, on demand. */
import type { CommandContext } from "../../core/commands.js";
import { officerArea } from "../areas/officer-area.js";
import { lines, raw, t } from "../../core/text.js";
import { collectCoverage } from "./collect-coverage.js";
import { coverageText } from "./coverage-text.js";
import type { ReportDeps } from "./deps.js";
import { zaloQuotaText } from "./zalo-quota-text.js";
import { withRelayedGroups } from "./relay-report-text.js";

export async function showReport(input: { ctx: CommandContext; deps: ReportDeps }): Promise<void> {
  const { ctx, deps } = input;
  const words = ctx.args.split(/\s+/).filter(Boolean);
  if (words.length > 1) return ctx.reply(t("reports:usage"));
  const area = await officerArea({
    ctx,
    deps,
    typed: words[0],
    replies: {
      command: "baocao",
      whichAreaKey: "reports:whichArea",
      usageKey: "reports:usage",
      forbiddenKey: "reports:forbidden",
    },
  });
  if (!area) return;
  const report = await collectCoverage({
    store: deps.coverage,
    area,
    now: deps.clock.now(),
    escalateMinutes: deps.settings.escalateMinutes,
  });
  const coverage = coverageText({
    report,
    locale: ctx.locale,
    timeZone: deps.settings.timeZone,
    notices: deps.platformNotices?.() ?? [],
  });
  const text = await withRelayedGroups({
    text: coverage,
    relays: deps.relays,
    areaCode: area.code,
    now: deps.clock.now(),
    locale: ctx.locale,
  });
  // Zalo's plan is the whole deployment's: admins see it, an area's officers need not.
  const zalo =
    deps.zaloQuota && (await deps.access.isAdminSomewhere(ctx.user))
      ? await deps.zaloQuota.status(deps.clock.now())
      : undefined;
  const seats =
    zalo && deps.zaloSeats
      ? [t("relays:zaloSeats", { served: await deps.zaloSeats.served(), cap: deps.zaloSeats.cap })]
      : [];
  await ctx.reply(
    zalo
      ? lines(
          text,
          raw(""),
          zaloQuotaText({ status: zalo, locale: ctx.locale, timeZone: deps.settings.timeZone }),
          ...seats,
        )
      : text,
  );
}
