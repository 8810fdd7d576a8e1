/**
 * Remembers the numbering of an admin's latest `/thanhvien` list in the Conversation table (one row
 * per admin, next to guided flows but under its own key), so `/thuhoi <n>` works after a restart.
 */
import { z } from "zod";
import type { ConversationStore } from "../flows/types.js";
import type { MemberListMemory } from "./types.js";

const FLOW = "member-list";
/** A list is for acting on soon; an old numbering should not revoke the wrong person. */
const TTL_SECONDS = 24 * 3600;
const DataSchema = z.object({ areaCode: z.string(), roleIds: z.array(z.number().int()) });

export class ConversationMemberLists implements MemberListMemory {
  constructor(private readonly store: ConversationStore) {}

  async remember(input: { userId: number; areaCode: string; roleIds: readonly number[] }): Promise<void> {
    await this.store.start({
      key: keyOf(input.userId),
      flow: FLOW,
      step: "listed",
      data: { areaCode: input.areaCode, roleIds: [...input.roleIds] },
      ttlSeconds: TTL_SECONDS,
    });
  }

  async recall(userId: number): Promise<{ areaCode: string; roleIds: number[] } | null> {
    const state = await this.store.get(keyOf(userId));
    if (!state || state.flow !== FLOW) return null;
    const parsed = DataSchema.safeParse(state.data);
    return parsed.success ? parsed.data : null;
  }
}

function keyOf(userId: number): string {
  return `members:${userId}`;
}
