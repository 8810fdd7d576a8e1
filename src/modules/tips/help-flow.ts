/**
 * `/giupban [text]` and `/start help_<school>` (the school poster's QR): a student's help request,
 * the tip flow with the school's categories and words for a teenager (help-request.ts).
 */
import type { RequestContext } from "../../core/commands.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import { areaFromStartValue } from "../areas/area-code.js";
import type { TipDeps } from "./deps.js";
import { kindOfArea } from "./help-request.js";
import type { UpdateRef } from "./submit-tip.js";
import { MAX_TIP_TEXT } from "./tip-draft.js";
import { linkedArea, openDraft, proceed, startTipFlow, withinTipLimit } from "./tip-flow.js";

export async function startHelpFlow(input: {
  ctx: RequestContext;
  update: UpdateRef;
  deps: TipDeps;
  schoolLink?: string;
  text?: string;
}): Promise<void> {
  const { deps } = input;
  if (!(await withinTipLimit({ ...input, kind: "help" }))) return;
  const found = await linkedArea(deps, input.schoolLink);
  const school = kindOfArea(found) === "help" ? found : null;
  const text = input.text?.trim().slice(0, MAX_TIP_TEXT);
  const { state, draft, first } = await openDraft({
    ...input,
    fields: { kind: "help", ...(text ? { text } : {}), ...(school ? { areaId: school.id } : {}) },
  });
  const intro = school ? t("tips:helpbox.introForSchool", { school: school.name }) : t("tips:helpbox.intro");
  const notice = first ? [raw(""), helpPrivacyNotice(deps.settings)] : [];
  await proceed({ ...input, state, draft, ack: lines(intro, ...notice) });
}

/** The privacy notice of a help request, in words a 13-year-old understands. */
export function helpPrivacyNotice(settings: { readonly helpRetentionDays: number }): Text {
  return lines(
    t("tips:helpbox.privacy.title"),
    t("tips:helpbox.privacy.who"),
    t("tips:helpbox.privacy.secret"),
    t("tips:helpbox.privacy.kept", { days: settings.helpRetentionDays }),
    t("tips:helpbox.privacy.rights"),
  );
}

/** `/start tip_<area>` or `/start help_<area>`: a school's link opens the help request, any other the tip flow. */
export async function startFromLink(input: {
  ctx: RequestContext;
  update: UpdateRef;
  deps: TipDeps;
  link: string | undefined;
  help: boolean;
}): Promise<void> {
  const { link } = input;
  const linked = link ? areaFromStartValue(link) : undefined;
  const area =
    linked === undefined
      ? null
      : "id" in linked
        ? await input.deps.areas.findAreaById(linked.id)
        : await input.deps.areas.findArea(linked.code);
  if (input.help || kindOfArea(area) === "help")
    return startHelpFlow({ ...input, ...(link ? { schoolLink: link } : {}) });
  return startTipFlow({ ...input, ...(link ? { areaLink: link } : {}) });
}
