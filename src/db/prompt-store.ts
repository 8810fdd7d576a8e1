/** Postgres-backed PromptStore (table ChatPrompt). */
import type { PromptStore } from "../core/ports.js";
import type { Db } from "./client.js";
import { Prisma } from "./client.js";

const MAX_NUMBER = 99;

export class PrismaPromptStore implements PromptStore {
  constructor(private readonly db: Db) {}

  async allocate(input: { chatKey: string; options: readonly { data: string; primary: boolean }[]; expiresAt: Date }): Promise<number[]> {
    if (input.options.length === 0) return [];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          await tx.chatPrompt.deleteMany({ where: { chatKey: input.chatKey, expiresAt: { lte: new Date() } } });
          const used = new Set((await tx.chatPrompt.findMany({ where: { chatKey: input.chatKey }, select: { number: true } })).map((p) => p.number));
          const numbers: number[] = [];
          for (let n = 1; numbers.length < input.options.length; n++) {
            if (n > MAX_NUMBER) {
              // Too many open prompts: recycle the oldest numbers.
              const oldest = await tx.chatPrompt.findMany({ where: { chatKey: input.chatKey }, orderBy: { createdAt: "asc" }, take: input.options.length - numbers.length });
              await tx.chatPrompt.deleteMany({ where: { chatKey: input.chatKey, number: { in: oldest.map((o) => o.number) } } });
              numbers.push(...oldest.map((o) => o.number));
              break;
            }
            if (!used.has(n)) numbers.push(n);
          }
          await tx.chatPrompt.createMany({
            data: input.options.map((o, i) => ({ chatKey: input.chatKey, number: numbers[i] ?? 0, data: o.data, primary: o.primary, expiresAt: input.expiresAt })),
          });
          return numbers;
        });
      } catch (error) {
        // Two messages to one chat allocating at once: the primary key lets one win; try again.
        if (attempt < 5 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
        throw error;
      }
    }
  }

  async attachMessage(input: { chatKey: string; numbers: readonly number[]; messageId: string }): Promise<void> {
    await this.db.chatPrompt.updateMany({ where: { chatKey: input.chatKey, number: { in: [...input.numbers] } }, data: { messageId: input.messageId } });
  }

  async resolveNumber(input: { chatKey: string; number: number; now: Date }): Promise<string | null> {
    const row = await this.db.chatPrompt.findUnique({ where: { chatKey_number: { chatKey: input.chatKey, number: input.number } } });
    return row && row.expiresAt > input.now ? row.data : null;
  }

  async resolveReply(input: { chatKey: string; messageId: string; now: Date }): Promise<string | null> {
    const row = await this.db.chatPrompt.findFirst({ where: { chatKey: input.chatKey, messageId: input.messageId, primary: true, expiresAt: { gt: input.now } } });
    return row?.data ?? null;
  }
}
