/**
 * What the sandbox's side panel shows an admin: the job queues, the last deliveries and the CAP
 * feed. Queue numbers come from BullMQ (on Redis or PostgreSQL); "done" comes from Postgres where it
 * keeps the truth (finished deliver jobs are removed, so BullMQ's own "completed" stays at zero).
 */
import { escapeHtml, noEscape, type Translator } from "../core/i18n.js";
import { OutboundMessageSchema } from "../core/message-schema.js";
import { priorityName, type PriorityName } from "../core/messages.js";
import type { Locale, Text } from "../core/text.js";
import type { Db } from "../db/client.js";
import { DELIVER_QUEUE } from "../queue/deliver-queue.js";
import type { JobQueue, JobQueues } from "../queue/job-queues.js";
import { TIPS_QUEUE } from "../modules/tips/jobs.js";
import { findPersona } from "./personas.js";

export interface QueueStats {
  readonly name: string;
  /** Waiting, prioritised and delayed jobs. */
  readonly waiting: number;
  readonly active: number;
  /** Finished: delivered messages for `deliver` (Postgres), completed jobs for the others. */
  readonly done: number;
  readonly failed: number;
}

export interface DeliveryRow {
  readonly id: string;
  readonly createdAt: string;
  readonly sentAt: string | null;
  /** The target chat, or null for a sealed target (a tipster, whom nobody may name). */
  readonly chat: { readonly kind: "group" | "private"; readonly name: string } | null;
  readonly status: string;
  readonly priority: PriorityName;
  /** What produced it, for people to read (`alert:12`, `relay`). */
  readonly source: string | null;
  readonly attempts: number;
  readonly error: string | null;
  /** The message's first words, or "edit" for a progress edit. */
  readonly preview: string;
  readonly edit: boolean;
}

export interface AdminSnapshot {
  readonly queues: readonly QueueStats[];
  readonly deliveries: readonly DeliveryRow[];
  readonly capFeed: string;
}

const KNOWN_QUEUES = [DELIVER_QUEUE, TIPS_QUEUE];
const LAST_DELIVERIES = 20;

/** Reads queue counts and recent deliveries. */
export class AdminPanel {
  private readonly queues = new Map<string, JobQueue<unknown>>();

  constructor(private readonly options: { db: Db; queues: JobQueues; translator: Translator }) {}

  /** Everything the panel shows, read now. */
  async snapshot(): Promise<AdminSnapshot> {
    const [queues, deliveries] = await Promise.all([this.queueStats(), this.lastDeliveries()]);
    return { queues, deliveries, capFeed: "/cap/alerts.xml" };
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  /** The known queues plus any other BullMQ queue of this deployment (e.g. `campaigns` once it exists). */
  private async queueNames(): Promise<string[]> {
    const names = new Set(KNOWN_QUEUES);
    for (const name of await this.options.queues.queueNames()) if (/^[a-z][a-z0-9_-]*$/i.test(name)) names.add(name);
    const rank = (name: string) => (KNOWN_QUEUES.includes(name) ? KNOWN_QUEUES.indexOf(name) : KNOWN_QUEUES.length);
    return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  }

  private queue(name: string): JobQueue<unknown> {
    let queue = this.queues.get(name);
    if (queue === undefined) {
      queue = this.options.queues.queue<unknown>(name);
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async queueStats(): Promise<QueueStats[]> {
    const names = await this.queueNames();
    const delivered = await this.options.db.delivery.groupBy({ by: ["status"], _count: { _all: true } });
    const countOf = (status: string) => delivered.find((row) => row.status === status)?._count._all ?? 0;
    return Promise.all(
      names.map(async (name) => {
        const counts = await this.queue(name).getJobCounts();
        const n = (type: string) => counts[type] ?? 0;
        const waiting =
          n("waiting") + n("wait") + n("prioritized") + n("delayed") + n("paused") + n("waiting-children");
        if (name === DELIVER_QUEUE)
          return { name, waiting, active: n("active"), done: countOf("sent"), failed: countOf("failed") };
        return { name, waiting, active: n("active"), done: n("completed"), failed: n("failed") };
      }),
    );
  }

  private async lastDeliveries(): Promise<DeliveryRow[]> {
    const rows = await this.options.db.delivery.findMany({
      orderBy: { id: "desc" },
      take: LAST_DELIVERIES,
      include: { chat: { select: { title: true, kind: true, platformChatId: true } } },
    });
    return rows.map((row) => {
      const payload = OutboundMessageSchema.safeParse(row.payload);
      const edit = payload.success && payload.data.editMessageId !== undefined;
      return {
        id: row.id.toString(),
        createdAt: row.createdAt.toISOString(),
        sentAt: row.sentAt?.toISOString() ?? null,
        chat: row.chat ? { kind: row.chat.kind, name: chatName(row.chat) } : null,
        status: row.status,
        priority: priorityName(row.priority),
        source: row.sourceKind && [row.sourceKind, row.sourceId ?? []].flat().join(":"),
        attempts: row.attempts,
        error: row.error,
        preview: payload.success ? this.preview(payload.data.text, payload.data.locale) : "",
        edit,
      };
    });
  }

  /** The first line of the rendered text, tags removed (the page shows it with textContent). */
  private preview(text: Text, locale: Locale): string {
    const rendered = this.options.translator.render(text, locale, noEscape);
    const plain = rendered.replace(/<[^>]*>/g, "").replace(/&(lt|gt|amp|quot);/g, (entity) => unescapeEntity(entity));
    const line =
      plain
        .split("\n")
        .find((l) => l.trim() !== "")
        ?.trim() ?? "";
    return line.length > 80 ? `${line.slice(0, 79)}…` : line;
  }
}

/** A group's title; for a private chat, the persona's name (private chats have no title). */
function chatName(chat: { title: string | null; kind: string; platformChatId: string }): string {
  if (chat.kind === "private") return findPersona(Number(chat.platformChatId))?.name ?? chat.platformChatId;
  return chat.title ?? chat.platformChatId;
}

const ENTITIES: Record<string, string> = Object.fromEntries(["<", ">", "&", '"'].map((c) => [escapeHtml(c), c]));

function unescapeEntity(entity: string): string {
  return ENTITIES[entity] ?? entity;
}
