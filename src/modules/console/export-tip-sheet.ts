/**
 * "📄 Xuất phiếu" from the console: the same register sheet as the chat's button (`tipSheet`), as a
 * download, for the same people (`mayHandle`), recorded in the audit log as the same action.
 */
import { mayHandle } from "../tips/help-request.js";
import { tipSheet } from "../tips/export-tip.js";
import type { ConsoleTipDeps } from "./tip-deps.js";
import type { ConsoleSessionRecord } from "./types.js";

export async function exportTipSheet(input: {
  deps: ConsoleTipDeps;
  session: ConsoleSessionRecord;
  tipId: number;
}): Promise<{ filename: string; text: string } | null> {
  const { deps, session } = input;
  const tipDeps = deps.tips;
  const tip = await tipDeps.tips.findById(input.tipId);
  if (!tip || tip.kind === "help" || !(await mayHandle(tipDeps.access, session.user, tip))) return null;
  await tipDeps.audit.record({
    actorUserId: session.user.id,
    action: "tip.export",
    areaId: tip.area.id,
    subject: tip.code,
  });
  const text = tipSheet({
    tip,
    messages: await tipDeps.tips.messages(tip.id),
    locale: session.locale,
    timeZone: tipDeps.settings.timeZone,
    translator: tipDeps.translator,
  });
  return { filename: `phieu-${tip.code}.txt`, text: `\uFEFF${text}` };
}
