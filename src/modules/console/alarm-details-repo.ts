/** Prisma implementation of AlarmDetailsReader: an alarm's deliveries (by source, then their keys) and who answered. */
import type { Db } from "../../db/client.js";
import type { AlarmDetails, AlarmDetailsReader } from "./show-console-alarm.js";

export class PrismaAlarmDetails implements AlarmDetailsReader {
  constructor(private readonly db: Db) {}

  async details(alarmId: number): Promise<AlarmDetails> {
    // Keys as alarmKeys writes them: g:<chat> to groups, p:<chat>:<level> to responders, going:<user>:<chat>.
    const prefix = `alarm:${alarmId}:`;
    const select = {
      key: true,
      status: true,
      chatId: true,
      chat: { select: { title: true, platform: true, platformChatId: true } },
    } as const;
    // The alarm's own messages carry its source (indexed); «Đang đến» notices do not, so they are
    // found among the deliveries of the groups it reached (indexed by chat), never by a key scan.
    const sourced = await this.db.delivery.findMany({
      where: { sourceKind: "alarm", sourceId: alarmId },
      select,
      orderBy: { id: "asc" },
    });
    const groupChats = sourced.flatMap((r) => (r.key.startsWith(`${prefix}g:`) && r.chatId ? [r.chatId] : []));
    const answers = await this.db.delivery.findMany({
      where: { chatId: { in: groupChats }, key: { startsWith: `${prefix}going:` } },
      select,
      orderBy: { id: "asc" },
    });
    const rows = [...sourced, ...answers];
    const alarm = await this.db.alarm.findUnique({
      where: { id: alarmId },
      select: { closedById: true, areaId: true },
    });
    // The first answer is audited even when no group heard the alarm (then no "going" message exists).
    const first = await this.db.auditLog.findFirst({
      where: { areaId: alarm?.areaId ?? -1, action: "alarm.answer", subject: `B${alarmId}` },
      select: { actorUserId: true },
    });
    const going: number[] = first?.actorUserId ? [first.actorUserId] : [];
    const groups: AlarmDetails["groups"][number][] = [];
    const privates: {
      platform: string;
      platformChatId: string;
      level: number;
      state: AlarmDetails["groups"][number]["state"];
    }[] = [];
    for (const row of rows) {
      const parts = row.key.slice(prefix.length).split(":");
      if (parts[0] === "going" && parts[1] && !going.includes(Number(parts[1]))) going.push(Number(parts[1]));
      if (parts[0] === "g" && parts.length === 2) groups.push({ title: row.chat?.title ?? "—", state: row.status });
      if (parts[0] === "p" && parts.length === 3 && /^\d+$/.test(parts[2] ?? "") && row.chat)
        privates.push({ ...row.chat, level: Number(parts[2]), state: row.status });
    }
    const userIds = [...going, ...(alarm?.closedById ? [alarm.closedById] : [])];
    const users = await this.db.user.findMany({
      where: {
        OR: [
          { id: { in: userIds } },
          ...privates.map((p) => ({ platform: p.platform as "telegram" | "zalo", platformUserId: p.platformChatId })),
        ],
      },
      select: { id: true, displayName: true, platform: true, platformUserId: true },
    });
    const byId = new Map(users.map((u) => [u.id, u.displayName ?? "—"]));
    const byChat = new Map(users.map((u) => [`${u.platform}:${u.platformUserId}`, u.displayName ?? "—"]));
    return {
      going: going.map((id) => byId.get(id) ?? "—"),
      closedBy: alarm?.closedById ? (byId.get(alarm.closedById) ?? "—") : null,
      groups,
      responders: privates.map((p) => ({
        name: byChat.get(`${p.platform}:${p.platformChatId}`) ?? "—",
        level: p.level,
        state: p.state,
      })),
    };
  }
}
