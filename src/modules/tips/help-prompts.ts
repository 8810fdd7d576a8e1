/** What a student is asked at each step of a help request: the school's words, 111 and 113 under each. */
import type { RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { lines, raw, t } from "../../core/text.js";
import type { AreaRecord } from "../areas/types.js";
import { tipData } from "./callback-data.js";
import { cancelRow, identityPrompt, type Prompt } from "./prompt-rows.js";
import { areasOfTipster } from "./choose-area.js";
import type { TipDeps } from "./deps.js";
import { categoriesOf, hotlines, kindOfArea } from "./help-request.js";
import type { TipDraft, TipStep } from "./tip-draft.js";

/** The schools among the areas a person belongs to (groups seen in, areas followed). */
export async function schoolsOfTipster(
  ctx: RequestContext,
  deps: Pick<TipDeps, "identity" | "officers" | "areas">,
): Promise<AreaRecord[]> {
  const mine = await areasOfTipster(ctx, deps);
  const areas = await Promise.all(mine.map((a) => deps.areas.findAreaById(a.id)));
  return areas.filter((a): a is AreaRecord => kindOfArea(a) === "help");
}

/** What a student is asked at each step: the tip flow's steps, the school's words, 111 and 113 under each. */
export async function helpStepPrompt(input: {
  ctx: RequestContext;
  deps: Pick<TipDeps, "areas" | "identity" | "officers">;
  draft: TipDraft;
  step: TipStep;
}): Promise<Prompt> {
  const prompt = await helpPromptOf(input);
  return { text: lines(prompt.text, raw(""), hotlines()), buttons: prompt.buttons };
}

async function helpPromptOf(input: {
  ctx: RequestContext;
  deps: Pick<TipDeps, "areas" | "identity" | "officers">;
  draft: TipDraft;
  step: TipStep;
}): Promise<Prompt> {
  const { draft, deps } = input;
  switch (input.step) {
    case "category":
      return {
        text: t("tips:helpbox.category"),
        buttons: [
          ...categoriesOf("help").map((c): Button[] => [
            { text: t(`tips:helpbox.categoryButton.${c}`), callback: tipData.category(c) },
          ]),
          cancelRow(),
        ],
      };
    case "description":
      return { text: t("tips:helpbox.description"), buttons: [cancelRow()] };
    case "media":
      // No location is asked of a minor: one sent anyway is kept, since the student chose it.
      return {
        text: t("tips:helpbox.media"),
        buttons: [[{ text: t("tips:button.continue"), callback: tipData.mediaDone() }], cancelRow()],
      };
    case "identity":
      return identityPrompt({
        question: t("tips:helpbox.identity"),
        anonymous: t("tips:helpbox.button.noContact"),
        withContact: t("tips:helpbox.button.withContact"),
      });
    case "contact":
      return { text: t("tips:helpbox.contact"), buttons: [cancelRow()] };
    case "area": {
      const schools = await schoolsOfTipster(input.ctx, deps);
      return {
        text: t("tips:helpbox.school"),
        buttons: [
          ...schools.map((s): Button[] => [
            { text: t("tips:area.option", { name: s.name }), callback: tipData.area(s.id) },
          ]),
          [{ text: t("tips:button.otherArea"), callback: tipData.browse(null) }],
          cancelRow(),
        ],
      };
    }
    case "confirm": {
      const school = draft.areaId ? await deps.areas.findAreaById(draft.areaId) : null;
      return {
        text: lines(
          t("tips:helpbox.confirm.title"),
          t("tips:helpbox.confirm.category", {
            category: t(`tips:helpbox.categoryButton.${draft.category ?? "khac"}`),
          }),
          t("tips:helpbox.confirm.school", { school: school?.name ?? "—" }),
          draft.anonymous !== false
            ? t("tips:helpbox.confirm.noContact")
            : t("tips:helpbox.confirm.contact", { contact: draft.contact ?? "" }),
          t("tips:helpbox.confirm.text"),
          raw(draft.text ?? ""),
          raw(""),
          t("tips:helpbox.confirm.ask"),
        ),
        buttons: [[{ text: t("tips:helpbox.button.send"), callback: tipData.confirm() }], cancelRow()],
      };
    }
    default: {
      const never: never = input.step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}
