/**
 * `/moi <officer|propagandist|admin|guard|relay|counsellor> <areaCode>`: an admin makes a one-time
 * invite code (7 days); an officer may invite a relay (the leader of a group the bot cannot enter) too.
 */
import { randomInt } from "node:crypto";
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { normaliseAreaCode } from "./area-code.js";
import { roleFromWord } from "./role-words.js";
import type { AreaDeps } from "./deps.js";

/** Unambiguous letters and digits (no 0/O, 1/I/L). */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 10 characters of 31: about 49.5 bits, and redemption is rate-limited. */
const CODE_LENGTH = 10;
export const INVITE_TTL_DAYS = 7;

export function newInviteCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export async function createInvite(options: { ctx: RequestContext; args: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const [roleWord, areaInput, ...rest] = options.args.trim().split(/\s+/);
  const role = roleWord ? roleFromWord(roleWord) : undefined;
  if (!role || !areaInput || rest.length > 0) return ctx.reply(t("areas:invite.usage"));
  const code = normaliseAreaCode(areaInput);
  const area = await deps.areas.findArea(code);
  if (!area) return ctx.reply(t("areas:area.notFound", { code }));
  await deps.access.requireRole(ctx.user, role === "relay" ? "officer" : "admin", area.code, {
    key: "areas:invite.forbidden",
    params: { code },
  });
  // A counsellor answers a school's help requests (issue 18): only a school has one.
  if (role === "counsellor" && area.kind !== "truonghoc")
    return ctx.reply(t("areas:invite.counsellorSchoolOnly", { area: area.name }));

  const inviteCode = newInviteCode();
  const expiresAt = new Date(deps.clock.now().getTime() + INVITE_TTL_DAYS * 86_400_000);
  await deps.areas.createInvite({ code: inviteCode, role, areaId: area.id, createdById: ctx.user.id, expiresAt });
  await deps.audit.record({ actorUserId: ctx.user.id, action: "invite.create", areaId: area.id, subject: role });

  const bot = deps.directory.botUsername(ctx.user.platform);
  const link = bot && ctx.user.platform === "telegram" ? `https://t.me/${bot}?start=join_${inviteCode}` : undefined;
  await ctx.reply(
    t(link ? "areas:invite.doneWithLink" : "areas:invite.done", {
      code: inviteCode,
      role: t(`common:role.${role}`),
      area: area.name,
      areaCode: area.code,
      days: INVITE_TTL_DAYS,
      link: link ?? "",
    }),
  );
}
