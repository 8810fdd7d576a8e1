/**
 * Private text nothing else took (no flow, no pasted code, no follow-up): typed words that name a
 * command run it ("tố giác …", "tra cuu TG-…"), a greeting or anything else gets the welcome.
 */
import type { RequestContext } from "../../core/commands.js";
import type { InboundEvent } from "../../core/messages.js";
import type { GeneralDeps } from "./deps.js";
import { findCommand, runCommandAs } from "./run-command.js";
import { matchKeyword } from "./typed-keywords.js";
import { welcome } from "./welcome.js";

/** Always answers: true, so the dispatcher's chain stops here. */
export async function answerTypedWords(options: {
  ctx: RequestContext;
  event: Extract<InboundEvent, { type: "text" }>;
  deps: GeneralDeps;
}): Promise<true> {
  await answer(options);
  return true;
}

async function answer(options: {
  ctx: RequestContext;
  event: Extract<InboundEvent, { type: "text" }>;
  deps: GeneralDeps;
}): Promise<void> {
  const { ctx, event, deps } = options;
  const match = matchKeyword(event.text);
  const languageCode = event.from.languageCode;
  if (!match) return welcome({ ctx, deps, reason: "unknown", languageCode });
  if ("welcome" in match.target) return welcome({ ctx, deps, reason: "start", languageCode });
  const spec = findCommand(deps.commands(), match.target.command);
  // The tip mailbox is off without a seal key: its words are then like any other text.
  if (!spec) return welcome({ ctx, deps, reason: "unknown", languageCode });
  await runCommandAs({ ctx, event, spec, args: match.target.takesArgs ? match.rest : "" });
}
