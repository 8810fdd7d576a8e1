/**
 * A tip's attachment as stored: `TipMessage.photoFileId` (and a draft's `photos`) hold a photo's
 * platform file id as it is, and a clip's with its kind in front (`voice:…`, `video:…`,
 * `videoNote:…`), so no schema change was needed. Telegram file ids and Zalo URLs never start so.
 */
import { CLIP_KINDS, type ClipKind, type OutboundMessage } from "./messages.js";

export type AttachmentKind = "photo" | ClipKind;

export interface Attachment {
  readonly kind: AttachmentKind;
  readonly fileId: string;
}

/** The stored form of an attachment. */
export function storedAttachment(attachment: Attachment): string {
  return attachment.kind === "photo" ? attachment.fileId : `${attachment.kind}:${attachment.fileId}`;
}

/** Reads a stored attachment back. */
export function readAttachment(stored: string): Attachment {
  for (const kind of CLIP_KINDS) {
    if (stored.startsWith(`${kind}:`)) return { kind, fileId: stored.slice(kind.length + 1) };
  }
  return { kind: "photo", fileId: stored };
}

/** The message fields that carry a stored attachment by its platform file id (a copy, never a forward). */
export function attachmentMedia(stored: string): Pick<OutboundMessage, "photo" | "clip"> {
  const { kind, fileId } = readAttachment(stored);
  const media = { kind: "file" as const, platformFileId: fileId };
  return kind === "photo" ? { photo: media } : { clip: { kind, media } };
}
