/**
 * Wires the modules' handlers into what answers an inbound update: the guided-flow router, the
 * command and button table, and the dispatcher in front of them.
 */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { PlatformName } from "../core/messages.js";
import type { ButtonAnswerer } from "../core/ports.js";
import { isDependencyOutage } from "../db/dependency-errors.js";
import { alertButtons, alertCommands } from "../modules/alerts/handlers.js";
import { areaCommands } from "../modules/areas/handlers.js";
import { ConversationMemberLists } from "../modules/areas/member-lists.js";
import { campaignButtons, campaignCommands, campaignFlowHandlers } from "../modules/campaigns/handlers.js";
import { FlowRouter } from "../modules/flows/flow-router.js";
import { flowCommands } from "../modules/flows/handlers.js";
import { generalCommands } from "../modules/general/handlers.js";
import { posterCommands } from "../modules/posters/handlers.js";
import { quizButtons, quizCommands } from "../modules/quizzes/handlers.js";
import { reportCommands } from "../modules/reports/handlers.js";
import { statsCommands } from "../modules/stats/handlers.js";
import { tipButtons, tipCommands, tipDeepLink, tipFlowHandlers, tipFollowUps } from "../modules/tips/handlers.js";
import { verifyCommands } from "../modules/verify/handlers.js";
import { verifyPasted } from "../modules/verify/reply-verification.js";
import { expiredChoiceButton } from "../platforms/zalo/zalo-buttons.js";
import { CommandTable } from "../router/command-table.js";
import { Dispatcher } from "../router/dispatcher.js";
import type { Infrastructure } from "./infrastructure.js";
import type { ModuleDeps } from "./module-deps.js";

/** The dispatcher and the table it looks commands and buttons up in. */
export interface InboundHandling {
  readonly commandTable: CommandTable;
  readonly dispatcher: Dispatcher;
}

/** What {@link buildDispatcher} needs besides the config and the modules' deps. */
export interface DispatcherInputs {
  readonly infra: Infrastructure;
  readonly modules: ModuleDeps;
  /** Per platform, who answers a button tap. */
  readonly answerers: ReadonlyMap<PlatformName, ButtonAnswerer>;
  readonly logger: Logger;
}

/** Builds the flow router, the command table and the dispatcher, in that order. */
export function buildDispatcher(config: Config, inputs: DispatcherInputs): InboundHandling {
  const { infra, modules, answerers, logger } = inputs;
  const { identity, access, outbox, ledger, audit, translator, sealer } = infra;
  const { areaDeps, alertDeps, verifyDeps, conversations, tipDeps, quizDeps, campaignDeps, statsDeps, reportDeps } = modules;
  const flowRouter = tipDeps && new FlowRouter({ store: conversations, keyOf: tipDeps.flowKey, handlers: [...tipFlowHandlers(tipDeps), ...campaignFlowHandlers(campaignDeps)], fallback: tipFollowUps(tipDeps) });

  // /trogiup lists every command, including its own table: the closure runs after construction.
  const commandTable: CommandTable = new CommandTable(
    [
      ...generalCommands({ ...areaDeps, commands: () => commandTable.commands, deepLinks: tipDeps ? [tipDeepLink(tipDeps)] : [] }),
      ...areaCommands({ ...areaDeps, outbox, memberLists: new ConversationMemberLists(conversations), defaultLocale: config.DEFAULT_LOCALE }),
      ...alertCommands(alertDeps),
      ...verifyCommands(verifyDeps),
      ...quizCommands(quizDeps),
      ...campaignCommands(campaignDeps),
      ...statsCommands(statsDeps),
      ...reportCommands(reportDeps),
      ...posterCommands({
        ...areaDeps,
        outbox,
        translator,
        settings: { zaloBotLink: config.ZALO_BOT_LINK, zaloFileLinks: Boolean(config.PUBLIC_BASE_URL), defaultLocale: config.DEFAULT_LOCALE },
      }),
      ...(tipDeps ? [...tipCommands(tipDeps), ...flowCommands({ store: conversations, keyOf: tipDeps.flowKey })] : []),
    ],
    [expiredChoiceButton, ...alertButtons(alertDeps), ...quizButtons(quizDeps), ...campaignButtons(campaignDeps), ...(tipDeps ? tipButtons(tipDeps) : [])],
  );

  const dispatcher = new Dispatcher({
    identity,
    access,
    outbox,
    ledger,
    audit,
    table: () => commandTable,
    answerers,
    defaultLocale: config.DEFAULT_LOCALE,
    logger,
    attempts: areaDeps.attempts,
    isOutage: isDependencyOutage,
    ...(sealer ? { hashUser: (platform: PlatformName, userId: string) => sealer.hash(`user:${platform}:${userId}`) } : {}),
    // A pasted message with a verification code is checked first; otherwise guided flows see it.
    onPrivateMessage: async (ctx, event) =>
      (event.type === "text" && (await verifyPasted(ctx, event.text, verifyDeps))) || (flowRouter ? flowRouter.handle(ctx, event) : false),
  });
  return { commandTable, dispatcher };
}
