/** What the tipster is asked at each step of the guided flow. */
import type { RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { readAttachment } from "../../core/attachment.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import { tipData } from "./callback-data.js";
import { cancelRow, identityPrompt, type Prompt } from "./prompt-rows.js";
import { areaPrompt } from "./choose-area.js";
import type { TipDeps } from "./deps.js";
import { helpStepPrompt } from "./help-prompts.js";
import { controllerArea, privacyNotice } from "./privacy-notice.js";
import type { TipDraft, TipStep } from "./tip-draft.js";
import { TIP_CATEGORIES } from "./types.js";

function categoryButtons(): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < TIP_CATEGORIES.length; i += 2) {
    rows.push(
      TIP_CATEGORIES.slice(i, i + 2).map((c) => ({ text: t(`tips:category.${c}`), callback: tipData.category(c) })),
    );
  }
  return [...rows, cancelRow()];
}

/** Photos and clips (voice notes, videos) of a draft, counted apart, and whether it has a location. */
function mediaCounts(draft: TipDraft): { photos: number; clips: number; location: Text } {
  const photos = draft.photos.filter((stored) => readAttachment(stored).kind === "photo").length;
  return {
    photos,
    clips: draft.photos.length - photos,
    location: t(draft.location ? "tips:word.yes" : "tips:word.no"),
  };
}

function mediaPrompt(draft: TipDraft, platform: RequestContext["chat"]["platform"]): Prompt {
  // Zalo sends no locations and no videos (ZALO.md): its tipsters are asked for photos and voice messages only.
  const zalo = platform === "zalo";
  // While an album arrives the count would be out of date at once: it is shown at the confirmation.
  const sofar =
    !draft.album && (draft.photos.length > 0 || draft.location)
      ? [t(zalo ? "tips:flow.mediaSoFarZalo" : "tips:flow.mediaSoFar", mediaCounts(draft))]
      : [];
  return {
    text: lines(t(zalo ? "tips:flow.mediaZalo" : "tips:flow.media"), ...sofar),
    buttons: [[{ text: t("tips:button.continue"), callback: tipData.mediaDone() }], cancelRow()],
  };
}

async function confirmPrompt(draft: TipDraft, deps: Pick<TipDeps, "areas" | "settings">): Promise<Prompt> {
  const area = draft.areaId ? await deps.areas.findAreaById(draft.areaId) : null;
  // A first tip: a one-line tip reads the whole notice here, before anything is sent; a guided one
  // read it at the start, and is told here which unit will hold the data.
  const controller = draft.privacyNotice ? await controllerArea(draft.areaId, deps.areas) : null;
  const notice = !draft.privacyNotice
    ? []
    : draft.quick
      ? [privacyNotice({ area: controller, settings: deps.settings }), raw("")]
      : [
          t("tips:privacy.atConfirm", {
            unit: controller?.unit ?? t("tips:privacy.unitOfArea", { area: controller?.name ?? "—" }),
          }),
          raw(""),
        ];
  return {
    text: lines(
      ...notice,
      t("tips:confirm.title"),
      t("tips:confirm.category", { category: t(`tips:category.${draft.category ?? "khac"}`) }),
      t("tips:confirm.area", { area: area?.name ?? "—" }),
      draft.anonymous !== false
        ? t("tips:confirm.anonymous")
        : t("tips:confirm.contact", { contact: draft.contact ?? "" }),
      t("tips:confirm.media", mediaCounts(draft)),
      t("tips:confirm.description"),
      raw(draft.text ?? ""),
      raw(""),
      t(draft.privacyNotice ? "tips:confirm.askAfterNotice" : "tips:confirm.ask"),
    ),
    buttons: [
      [
        {
          text: t(draft.privacyNotice ? "tips:button.sendAfterNotice" : "tips:button.send"),
          callback: tipData.confirm(),
        },
      ],
      [{ text: t("tips:button.changeArea"), callback: tipData.browse(null) }],
      cancelRow(),
    ],
  };
}

export async function stepPrompt(input: {
  ctx: RequestContext;
  deps: Pick<TipDeps, "areas" | "identity" | "officers" | "settings">;
  step: TipStep;
  draft: TipDraft;
}): Promise<Prompt> {
  const { step, draft } = input;
  if (draft.kind === "help") return helpStepPrompt({ ...input, step });
  switch (step) {
    case "category":
      return { text: t("tips:flow.category"), buttons: categoryButtons() };
    case "description":
      return { text: t("tips:flow.description"), buttons: [cancelRow()] };
    case "media":
      return mediaPrompt(draft, input.ctx.chat.platform);
    case "identity":
      return identityPrompt({
        question: t("tips:flow.identity"),
        anonymous: t("tips:button.anonymous"),
        withContact: t("tips:button.withContact"),
      });
    case "contact":
      return { text: t("tips:flow.contact"), buttons: [cancelRow()] };
    case "area":
      return areaPrompt({ ctx: input.ctx, deps: input.deps });
    case "confirm":
      return confirmPrompt(draft, input.deps);
    default: {
      const never: never = step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}
