/** Prisma implementation of ConversationStore (table `Conversation`). */
import type { Db } from "../../db/client.js";
import type { ConversationStore, FlowState } from "./types.js";

type Row = { key: string; flow: string; step: string; data: unknown; expiresAt: Date; updatedAt: Date };

const toState = (row: Row): FlowState => ({
  key: row.key,
  flow: row.flow,
  step: row.step,
  data: row.data,
  expiresAt: row.expiresAt,
  version: row.updatedAt,
});
/** Expired flows removed per pass; the rest go in the next. */
const PURGE_BATCH = 500;
const expiry = (ttlSeconds: number) => new Date(Date.now() + ttlSeconds * 1000);

export class PrismaConversationStore implements ConversationStore {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<FlowState | null> {
    const row = await this.db.conversation.findUnique({ where: { key } });
    return row && row.expiresAt > new Date() ? toState(row) : null;
  }

  async start(input: {
    key: string;
    flow: string;
    step: string;
    data: object;
    ttlSeconds: number;
  }): Promise<FlowState> {
    const fields = { flow: input.flow, step: input.step, data: input.data, expiresAt: expiry(input.ttlSeconds) };
    const row = await this.db.conversation.upsert({
      where: { key: input.key },
      create: { key: input.key, ...fields },
      update: fields,
    });
    return toState(row);
  }

  async advance(
    state: FlowState,
    input: { step: string; data: object; ttlSeconds: number },
  ): Promise<FlowState | null> {
    // Strictly later than the version read, so two moves within one millisecond still differ.
    const updatedAt = new Date(Math.max(Date.now(), state.version.getTime() + 1));
    const expiresAt = expiry(input.ttlSeconds);
    const changed = await this.db.conversation.updateMany({
      where: { key: state.key, flow: state.flow, updatedAt: state.version },
      data: { step: input.step, data: input.data, expiresAt, updatedAt },
    });
    return changed.count === 1 ? { ...state, step: input.step, data: input.data, expiresAt, version: updatedAt } : null;
  }

  async finish(state: FlowState): Promise<boolean> {
    const deleted = await this.db.conversation.deleteMany({
      where: { key: state.key, flow: state.flow, updatedAt: state.version },
    });
    return deleted.count === 1;
  }

  async clear(key: string): Promise<FlowState | null> {
    const rows = await this.db.conversation.findMany({ where: { key } });
    await this.db.conversation.deleteMany({ where: { key } });
    const row = rows[0];
    return row && row.expiresAt > new Date() ? toState(row) : null;
  }

  async purgeExpired(now: Date): Promise<FlowState[]> {
    const rows = await this.db.conversation.findMany({ where: { expiresAt: { lt: now } }, take: PURGE_BATCH });
    const purged: FlowState[] = [];
    for (const row of rows) {
      // Only as read: a flow moved on meanwhile stays, and of two schedulers only one reports a row.
      const deleted = await this.db.conversation.deleteMany({
        where: { key: row.key, updatedAt: row.updatedAt, expiresAt: { lt: now } },
      });
      if (deleted.count === 1) purged.push(toState(row));
    }
    return purged;
  }
}
