/** Postgres-backed PromptStore (table ChatPrompt). */
import type { PromptStore } from "../core/ports.js";
import type { Db } from "./client.js";
import { Prisma } from "./client.js";

const MAX_NUMBER = 99;
/** The row that marks a question wanting typed words; never given to a choice (those start at 1). */
const TEXT_QUESTION = 0;

export class PrismaPromptStore implements PromptStore {
  constructor(private readonly db: Db) {}

  async allocate(input: {
    chatKey: string;
    options: readonly { data: string; primary: boolean }[];
    expiresAt: Date;
  }): Promise<number[]> {
    if (input.options.length === 0) return [];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          await tx.chatPrompt.deleteMany({ where: { chatKey: input.chatKey, expiresAt: { lte: new Date() } } });
          const used = new Set(
            (await tx.chatPrompt.findMany({ where: { chatKey: input.chatKey }, select: { number: true } })).map(
              (p) => p.number,
            ),
          );
          const numbers: number[] = [];
          for (let n = 1; numbers.length < input.options.length; n++) {
            if (n > MAX_NUMBER) {
              // Too many open prompts: recycle the oldest numbers.
              const oldest = await tx.chatPrompt.findMany({
                where: { chatKey: input.chatKey, number: { not: TEXT_QUESTION } },
                orderBy: { createdAt: "asc" },
                take: input.options.length - numbers.length,
              });
              await tx.chatPrompt.deleteMany({
                where: { chatKey: input.chatKey, number: { in: oldest.map((o) => o.number) } },
              });
              numbers.push(...oldest.map((o) => o.number));
              break;
            }
            if (!used.has(n)) numbers.push(n);
          }
          // One timestamp for the whole list: "the newest prompt" is all of its choices.
          const createdAt = new Date();
          await tx.chatPrompt.createMany({
            data: input.options.map((o, i) => ({
              chatKey: input.chatKey,
              number: numbers[i] ?? 0,
              data: o.data,
              primary: o.primary,
              expiresAt: input.expiresAt,
              createdAt,
            })),
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

  async resolveNumber(input: { chatKey: string; number: number; now: Date }): Promise<string | null> {
    if (input.number === TEXT_QUESTION) return null;
    const row = await this.db.chatPrompt.findUnique({
      where: { chatKey_number: { chatKey: input.chatKey, number: input.number } },
    });
    if (!row || row.expiresAt <= input.now) return null;
    // Only the newest open prompt answers to a bare number: an older list's "2" is not pressed by accident.
    const newest = await this.newest(input.chatKey, input.now);
    return newest && newest.getTime() === row.createdAt.getTime() ? row.data : null;
  }

  async expectText(input: { chatKey: string; expiresAt: Date }): Promise<void> {
    // Re-created, not updated: its createdAt must be the newest of the chat.
    await this.db.$transaction([
      this.db.chatPrompt.deleteMany({ where: { chatKey: input.chatKey, number: TEXT_QUESTION } }),
      this.db.chatPrompt.create({
        data: {
          chatKey: input.chatKey,
          number: TEXT_QUESTION,
          data: "",
          expiresAt: input.expiresAt,
          createdAt: new Date(),
        },
      }),
    ]);
  }

  async awaitsText(input: { chatKey: string; now: Date }): Promise<boolean> {
    const row = await this.db.chatPrompt.findUnique({
      where: { chatKey_number: { chatKey: input.chatKey, number: TEXT_QUESTION } },
    });
    if (!row || row.expiresAt <= input.now) return false;
    const newest = await this.newest(input.chatKey, input.now);
    return newest !== null && newest.getTime() === row.createdAt.getTime();
  }

  /** When the chat's newest open prompt was created (the choices of one message share it). */
  private async newest(chatKey: string, now: Date): Promise<Date | null> {
    const row = await this.db.chatPrompt.findFirst({
      where: { chatKey, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    return row?.createdAt ?? null;
  }
}
