/** Texts, photos and locations a tipster sends while in the guided flow. */
import { t, type Text } from "../../core/text.js";
import { normaliseAreaCode } from "../areas/area-code.js";
import type { FlowHandler, FlowMessageEvent, FlowState } from "../flows/types.js";
import type { TipDeps } from "./deps.js";
import { appendText, MAX_CONTACT, MAX_TIP_PHOTOS, MAX_TIP_TEXT, TIP_FLOW, TipDraftSchema, type TipDraft } from "./tip-draft.js";
import { proceed } from "./tip-flow.js";
import { replySealed } from "./tipster.js";

type Change = { readonly draft: TipDraft; readonly ack?: Text };

export function tipFlowHandler(deps: TipDeps): FlowHandler {
  return {
    flow: TIP_FLOW,
    async onMessage({ ctx, event, state }) {
      const parsed = TipDraftSchema.safeParse(state.data);
      if (!parsed.success) {
        await deps.flows.finish(state);
        return replySealed({ ctx, update: event, deps, slot: "expired", text: t("tips:flow.expired") });
      }
      if (event.type === "photo" && event.uncompressed) {
        return replySealed({ ctx, update: event, deps, slot: "uncompressed", text: t("tips:photo.uncompressed") });
      }
      const change = event.type === "text" && state.step === "area" ? await typedArea(deps, parsed.data, event.text) : changeFor({ event, state, draft: parsed.data });
      await proceed({ ctx, update: event, deps, state, draft: change.draft, ...(change.ack ? { ack: change.ack } : {}) });
    },
  };
}

function changeFor(input: { event: FlowMessageEvent; state: FlowState; draft: TipDraft }): Change {
  const { event, draft } = input;
  switch (event.type) {
    case "photo":
      return addPhoto(draft, event.fileId, event.caption);
    case "location":
      return { draft: { ...draft, location: { latitude: event.latitude, longitude: event.longitude } }, ack: t("tips:flow.locationAdded") };
    case "text":
      return textFor(input.state.step, draft, event.text.trim());
    default: {
      const never: never = event;
      throw new Error(`unexpected event ${JSON.stringify(never)}`);
    }
  }
}

function addPhoto(draft: TipDraft, fileId: string, caption: string | undefined): Change {
  if (draft.photos.length >= MAX_TIP_PHOTOS) return { draft, ack: t("tips:flow.tooManyPhotos", { max: MAX_TIP_PHOTOS }) };
  const text = caption?.trim() ? (appendText(draft.text, caption.trim()) ?? draft.text) : draft.text;
  const photos = [...draft.photos, fileId];
  return { draft: { ...draft, photos, ...(text ? { text } : {}) }, ack: t("tips:flow.photoAdded", { count: photos.length }) };
}

/** What a typed text means depends on the step the tipster is at. */
function textFor(step: string, draft: TipDraft, text: string): Change {
  if (text === "") return { draft };
  switch (step) {
    case "description":
    case "media": {
      const joined = appendText(draft.text, text);
      if (!joined) return { draft, ack: t("tips:flow.tooLong", { max: MAX_TIP_TEXT }) };
      return { draft: { ...draft, text: joined }, ...(step === "media" ? { ack: t("tips:flow.textAdded") } : {}) };
    }
    case "contact":
      return { draft: { ...draft, contact: text.slice(0, MAX_CONTACT) } };
    case "category":
      return { draft, ack: t("tips:flow.useButtons") };
    default:
      return { draft, ack: t("tips:flow.useButtons") };
  }
}

/** At the area step a typed area code (`ninhbinh.p5`) is accepted too. */
async function typedArea(deps: TipDeps, draft: TipDraft, text: string): Promise<Change> {
  const area = await deps.areas.findArea(normaliseAreaCode(text));
  return area ? { draft: { ...draft, areaId: area.id } } : { draft, ack: t("tips:flow.areaUseButtons") };
}
