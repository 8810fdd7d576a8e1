/**
 * A group a resident added the bot to, waiting for an officer's "Duyệt" or "Không". Kept in the
 * Conversation table under its own key; the first decision ends it, so two officers cannot both act.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { ConversationStore, FlowState } from "../flows/types.js";

const FLOW = "group-offer";
/** Officers may answer a few days later; after that the resident adds the bot again. */
const TTL_SECONDS = 7 * 24 * 3600;

const OfferSchema = z.object({
  chatId: z.number().int(),
  platform: z.enum(["telegram", "zalo"]),
  platformChatId: z.string(),
  title: z.string().nullable(),
  addedById: z.number().int(),
  areaIds: z.array(z.number().int()),
});
export type GroupOffer = z.infer<typeof OfferSchema>;

export class GroupOffers {
  constructor(private readonly store: ConversationStore) {}

  /** Stores an offer; returns its id (short, for callback data). */
  async open(offer: GroupOffer): Promise<string> {
    const id = randomBytes(6).toString("base64url");
    await this.store.start({ key: keyOf(id), flow: FLOW, step: "open", data: offer, ttlSeconds: TTL_SECONDS });
    return id;
  }

  async find(id: string): Promise<{ offer: GroupOffer; state: FlowState } | null> {
    const state = await this.store.get(keyOf(id));
    if (state?.flow !== FLOW) return null;
    const parsed = OfferSchema.safeParse(state.data);
    return parsed.success ? { offer: parsed.data, state } : null;
  }

  /** Ends the offer; false when someone else decided first. */
  close(state: FlowState): Promise<boolean> {
    return this.store.finish(state);
  }
}

function keyOf(id: string): string {
  return `groupoffer:${id}`;
}
