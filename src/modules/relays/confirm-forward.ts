/** «Đã chuyển vào nhóm» (`rf:<forward id>`): the relay says the message is in their group. */
import { RELAY_PREFIX } from "./types.js";
import { UnreadableButtonError } from "../../core/errors.js";
import type { ButtonContext } from "../../core/commands.js";
import { raw, t } from "../../core/text.js";
import type { RelayDeps } from "./deps.js";

export async function confirmForward(input: { ctx: ButtonContext; deps: RelayDeps; payload: string }): Promise<void> {
  const { ctx, deps } = input;
  if (!/^\d{1,9}$/.test(input.payload)) throw new UnreadableButtonError(RELAY_PREFIX);
  const forwardId = Number(input.payload);
  const outcome = await deps.relays.confirm({ forwardId, relayUserId: ctx.user.id, at: deps.clock.now() });
  switch (outcome.kind) {
    case "confirmed":
      return ctx.answer(t("relays:confirm.thanks", { group: raw(outcome.groupName) }));
    case "already":
      return ctx.answer(t("relays:confirm.already", { group: raw(outcome.groupName) }));
    case "notYours":
    case "missing":
      return ctx.answer(t("common:errors.buttonExpired"), { alert: true });
  }
}
