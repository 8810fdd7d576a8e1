/**
 * The tipster side of anonymity (DESIGN.md §5): a person is known to the tips module only as a keyed
 * hash (matching, limits) and a seal (relaying). Every message to a tipster goes to the seal, never to
 * their chat row, so no delivery row links a chat to a tip.
 */
import type { RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { sealedChatPlain, parseSealedChatPlain } from "../../core/seal.js";
import type { Locale, Text } from "../../core/text.js";
import type { TipDeps } from "./deps.js";
import type { TipRecord } from "./types.js";

/** The keyed hash that stands for the person writing in this private chat. */
export function tipsterHash(ctx: RequestContext, deps: Pick<TipDeps, "sealer">): string {
  return deps.sealer.hash(sealedChatPlain(ctx.chat.platform, ctx.chat.platformChatId));
}

export function sealTipster(ctx: RequestContext, deps: Pick<TipDeps, "sealer">): string {
  return deps.sealer.seal(sealedChatPlain(ctx.chat.platform, ctx.chat.platformChatId));
}

/**
 * Replies in a private chat through a fresh seal. `slot` names the message within the update, so a
 * redelivered update re-creates the same keys and sends nothing twice.
 */
export async function replySealed(input: {
  ctx: RequestContext;
  /** The update being answered. */
  update: { readonly platform: string; readonly updateKey: string };
  deps: Pick<TipDeps, "sealer" | "outbox">;
  slot: string;
  text: Text;
  buttons?: readonly (readonly Button[])[];
  editMessageId?: string;
}): Promise<void> {
  const { ctx, deps } = input;
  await deps.outbox.enqueue([
    {
      key: `tipr:${input.update.platform}:${input.update.updateKey}:${input.slot}`,
      to: { sealed: sealTipster(ctx, deps) },
      priority: "interactive",
      message: {
        locale: ctx.locale,
        text: input.text,
        ...(input.buttons ? { buttons: input.buttons } : {}),
        ...(input.editMessageId ? { editMessageId: input.editMessageId } : {}),
      },
    },
  ]);
}

/** The language a tipster reads, looked up through the seal at relay time (never stored with the tip). */
export async function tipsterLocale(
  tip: TipRecord,
  deps: Pick<TipDeps, "sealer" | "officers" | "settings">,
): Promise<Locale> {
  const target = tip.sealedTipster ? readSeal(tip.sealedTipster, deps) : undefined;
  if (!target) return deps.settings.defaultLocale;
  return (await deps.officers.localeOf(target.platform, target.chatId)) ?? deps.settings.defaultLocale;
}

/** The chat behind a seal; undefined when it cannot be read (its key was retired): the deliver worker then reports the failed send. */
function readSeal(
  sealed: string,
  deps: Pick<TipDeps, "sealer">,
): { platform: "telegram" | "zalo"; chatId: string } | undefined {
  try {
    const { platform, chatId } = parseSealedChatPlain(deps.sealer.unseal(sealed));
    return platform === "telegram" || platform === "zalo" ? { platform, chatId } : undefined;
  } catch {
    return undefined;
  }
}

/** Sends a message to a tip's tipster through its seal; false when the seal was destroyed. */
export async function sendToTipster(input: {
  tip: TipRecord;
  deps: Pick<TipDeps, "sealer" | "officers" | "settings" | "outbox">;
  key: string;
  text: Text;
  dueAt?: Date;
}): Promise<boolean> {
  const { tip, deps } = input;
  if (!tip.sealedTipster) return false;
  const locale = await tipsterLocale(tip, deps);
  await deps.outbox.enqueue([
    {
      key: input.key,
      to: { sealed: tip.sealedTipster },
      priority: "interactive",
      message: { locale, text: input.text },
      ...(input.dueAt ? { dueAt: input.dueAt } : {}),
    },
  ]);
  return true;
}
