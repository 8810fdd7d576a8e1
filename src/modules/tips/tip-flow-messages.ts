/** Texts, photos, voice notes, videos and locations a tipster sends while in the guided flow. */
import { storedAttachment, type AttachmentKind } from "../../core/attachment.js";
import { t, type Text } from "../../core/text.js";
import { normaliseAreaCode } from "../areas/area-code.js";
import type { FlowHandler, FlowMessageEvent, FlowState } from "../flows/types.js";
import type { TipDeps } from "./deps.js";
import { kindOfArea } from "./help-request.js";
import {
  appendText,
  MAX_CONTACT,
  MAX_TIP_PHOTOS,
  MAX_TIP_TEXT,
  TIP_FLOW,
  TipDraftSchema,
  type TipDraft,
} from "./tip-draft.js";
import { proceed } from "./tip-flow.js";
import { replySealed } from "./tipster.js";

/** `silent`: saved without an answer (the rest of an album already answered). */
type Change = { readonly draft: TipDraft; readonly ack?: Text; readonly silent?: boolean };

/** How often a message re-reads the draft after another update (a photo of the same album) saved first. */
const RACE_RETRIES = 10;

export function tipFlowHandler(deps: TipDeps): FlowHandler {
  return {
    flow: TIP_FLOW,
    async onMessage({ ctx, event, state }) {
      let current: FlowState | null = state;
      for (let attempt = 0; current && attempt < RACE_RETRIES; attempt += 1) {
        const parsed = TipDraftSchema.safeParse(current.data);
        if (!parsed.success) {
          await deps.flows.finish(current);
          return replySealed({ ctx, update: event, deps, slot: "expired", text: t("tips:flow.expired") });
        }
        if (event.type === "photo" && event.uncompressed) {
          return replySealed({ ctx, update: event, deps, slot: "uncompressed", text: t("tips:photo.uncompressed") });
        }
        const change =
          event.type === "text" && current.step === "area"
            ? await typedArea(deps, parsed.data, event.text)
            : changeFor({ event, state: current, draft: parsed.data });
        const saved = await proceed({
          ctx,
          update: event,
          deps,
          state: current,
          draft: change.draft,
          ...(change.ack ? { ack: change.ack } : {}),
          ...(change.silent ? { silent: true } : {}),
        });
        // An album's photos arrive together: the one that lost the race reads the draft again, so none is lost.
        if (saved || (event.type !== "photo" && event.type !== "clip")) return;
        current = await deps.flows.get(current.key);
        if (current && current.flow !== TIP_FLOW) return;
      }
    },
  };
}

function changeFor(input: { event: FlowMessageEvent; state: FlowState; draft: TipDraft }): Change {
  const { event } = input;
  const { album: _album, ...draft } = input.draft;
  switch (event.type) {
    case "photo":
      return addAttachment({
        draft: input.draft,
        kind: "photo",
        fileId: event.fileId,
        caption: event.caption,
        album: event.mediaGroupId,
      });
    case "clip":
      return addAttachment({
        draft: input.draft,
        kind: event.kind,
        fileId: event.fileId,
        caption: event.caption,
        album: event.mediaGroupId,
      });
    case "location":
      return {
        draft: { ...draft, location: { latitude: event.latitude, longitude: event.longitude } },
        ack: t("tips:flow.locationAdded"),
      };
    case "text":
      return textFor(input.state.step, draft, event.text.trim());
    default: {
      const never: never = event;
      throw new Error(`unexpected event ${JSON.stringify(never)}`);
    }
  }
}

/** A photo or clip joins the draft; of an album (one `album` id) only the first part is answered. */
function addAttachment(input: {
  draft: TipDraft;
  kind: AttachmentKind;
  fileId: string;
  caption: string | undefined;
  album: string | undefined;
}): Change {
  const { draft, album } = input;
  const sameAlbum = album !== undefined && draft.album === album;
  if (draft.photos.length >= MAX_TIP_PHOTOS)
    return sameAlbum
      ? { draft, silent: true }
      : { draft: { ...draft, album }, ack: t("tips:flow.tooManyPhotos", { max: MAX_TIP_PHOTOS }) };
  const caption = input.caption?.trim();
  const text = caption ? (appendText(draft.text, caption) ?? draft.text) : draft.text;
  const photos = [...draft.photos, storedAttachment({ kind: input.kind, fileId: input.fileId })];
  const next: TipDraft = { ...draft, photos, album, ...(text ? { text } : {}) };
  if (sameAlbum) return { draft: next, silent: true };
  if (album !== undefined) return { draft: next, ack: t("tips:flow.albumAdded") };
  return { draft: next, ack: t(`tips:flow.added.${input.kind}`, { count: photos.length }) };
}

/** What a typed text means depends on the step the tipster is at. */
function textFor(step: string, draft: TipDraft, text: string): Change {
  if (text === "") return { draft };
  switch (step) {
    case "category":
    case "description":
    case "media": {
      const joined = appendText(draft.text, text);
      if (!joined) return { draft, ack: t("tips:flow.tooLong", { max: MAX_TIP_TEXT }) };
      // Typed before choosing a category: kept as the start of the description, and the person is told so.
      const ack =
        step === "category"
          ? t("tips:flow.keptBeforeCategory")
          : step === "media"
            ? t("tips:flow.textAdded")
            : undefined;
      return { draft: { ...draft, text: joined }, ...(ack ? { ack } : {}) };
    }
    case "contact":
      return { draft: { ...draft, contact: text.slice(0, MAX_CONTACT) } };
    default:
      return { draft, ack: t("tips:flow.useButtons") };
  }
}

/** At the area step a typed area code (`ninhbinh.p5`) is accepted too. */
async function typedArea(deps: TipDeps, draft: TipDraft, text: string): Promise<Change> {
  const area = await deps.areas.findArea(normaliseAreaCode(text));
  if (area && draft.kind === "help" && kindOfArea(area) !== "help")
    return { draft, ack: t("tips:helpbox.notSchool", { area: area.name }) };
  return area ? { draft: { ...draft, areaId: area.id } } : { draft, ack: t("tips:flow.areaUseButtons") };
}
