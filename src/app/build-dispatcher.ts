/**
 * Wires the modules' handlers into what answers an inbound update: the guided-flow router, the
 * command and button table, and the dispatcher in front of them.
 */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { PlatformName } from "../core/messages.js";
import type { ButtonAnswerer } from "../core/ports.js";
import { isDependencyOutage } from "../db/dependency-errors.js";
import { addAlarmLine } from "../modules/alarms/add-alarm-line.js";
import { alarmButtons, alarmCommands } from "../modules/alarms/handlers.js";
import { alertButtons, alertCommands, alertFlowHandlers } from "../modules/alerts/handlers.js";
import { officerAreaButton } from "../modules/areas/officer-area-button.js";
import { GroupOffers } from "../modules/areas/group-offers.js";
import { PrismaGroupApprovers } from "../modules/areas/group-approvers-repo.js";
import { GroupRegistrationCodes } from "../modules/areas/group-registration-codes.js";
import type { GroupSetupDeps } from "../modules/areas/group-setup-deps.js";
import { withGroupDeepLinks } from "../modules/areas/group-start-links.js";
import { areaButtons, areaCommands, areaGroupDeepLinks } from "../modules/areas/handlers.js";
import { ConversationMemberLists } from "../modules/areas/member-lists.js";
import { botAddedToGroup } from "../modules/areas/offer-group-approval.js";
import { consoleButtons, consoleCommands } from "../modules/console/handlers.js";
import { campaignButtons, campaignCommands, campaignFlowHandlers } from "../modules/campaigns/handlers.js";
import { FlowRouter, type PrivateMessageHandler } from "../modules/flows/flow-router.js";
import { flowCommands } from "../modules/flows/handlers.js";
import type { GeneralDeps } from "../modules/general/deps.js";
import { generalButtons, generalCommands } from "../modules/general/handlers.js";
import { answerTypedWords } from "../modules/general/typed-entry.js";
import { welcome } from "../modules/general/welcome.js";
import { matchKeyword } from "../modules/general/typed-keywords.js";
import { posterCommands } from "../modules/posters/handlers.js";
import { quizButtons, quizCommands } from "../modules/quizzes/handlers.js";
import { reportCommands } from "../modules/reports/handlers.js";
import { relayButtons, relayCommands } from "../modules/relays/handlers.js";
import { statsCommands } from "../modules/stats/handlers.js";
import {
  helpDeepLink,
  tipButtons,
  tipCommands,
  tipDeepLink,
  tipFlowHandlers,
  tipFollowUps,
} from "../modules/tips/handlers.js";
import { verifyCommands, verifyDeepLink } from "../modules/verify/handlers.js";
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
  const { areaDeps, alertDeps, alarmDeps, verifyDeps, conversations, tipDeps, campaignDeps } = modules;
  const flowRouter =
    tipDeps &&
    new FlowRouter({
      store: conversations,
      keyOf: tipDeps.flowKey,
      handlers: [...tipFlowHandlers(tipDeps), ...campaignFlowHandlers(campaignDeps), ...alertFlowHandlers(alertDeps)],
      fallback: keywordsBeforeFollowUps(tipFollowUps(tipDeps), () => generalDeps),
    });

  const groupSetup: GroupSetupDeps = {
    ...areaDeps,
    outbox,
    memberLists: new ConversationMemberLists(conversations),
    defaultLocale: config.DEFAULT_LOCALE,
    registrationCodes: new GroupRegistrationCodes(conversations),
    offers: new GroupOffers(conversations),
    approvers: new PrismaGroupApprovers(infra.db),
    superadmins: config.SUPERADMINS,
  };

  // /trogiup and the menus list every command, including their own table: the closure runs after construction.
  const generalDeps: GeneralDeps = {
    ...areaDeps,
    commands: () => commandTable.commands,
    deepLinks: [verifyDeepLink(verifyDeps), ...(tipDeps ? [tipDeepLink(tipDeps), helpDeepLink(tipDeps)] : [])],
  };
  const commandTable: CommandTable = new CommandTable(
    [
      // `/start reg_<code>` in a group (a registration link) is served by the areas module first.
      ...withGroupDeepLinks(generalCommands(generalDeps), areaGroupDeepLinks(groupSetup)),
      ...areaCommands(groupSetup),
      ...alertCommands(alertDeps),
      ...alarmCommands(alarmDeps),
      ...verifyCommands(verifyDeps),
      ...quizCommands(modules.quizDeps),
      ...campaignCommands(campaignDeps),
      ...statsCommands(modules.statsDeps),
      ...reportCommands(modules.reportDeps),
      ...relayCommands(modules.relayDeps),
      ...consoleCommands(modules.consoleDeps),
      ...posterCommands({
        ...areaDeps,
        outbox,
        translator,
        settings: {
          zaloBotLink: config.ZALO_BOT_LINK,
          zaloFileLinks: Boolean(config.PUBLIC_BASE_URL),
          defaultLocale: config.DEFAULT_LOCALE,
        },
      }),
      ...(tipDeps ? [...tipCommands(tipDeps), ...flowCommands({ store: conversations, keyOf: tipDeps.flowKey })] : []),
    ],
    [
      expiredChoiceButton,
      ...generalButtons(generalDeps),
      ...areaButtons(groupSetup),
      ...alertButtons(alertDeps),
      ...alarmButtons(alarmDeps),
      officerAreaButton({ areas: areaDeps.areas, commands: () => commandTable.commands }),
      ...quizButtons(modules.quizDeps),
      ...campaignButtons(campaignDeps),
      ...relayButtons(modules.relayDeps),
      ...consoleButtons(modules.consoleDeps),
      ...(tipDeps ? tipButtons(tipDeps) : []),
    ],
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
    ...(sealer
      ? { hashUser: (platform: PlatformName, userId: string) => sealer.hash(`user:${platform}:${userId}`) }
      : {}),
    onUnknownPrivateCommand: (ctx) =>
      welcome({
        ctx,
        deps: generalDeps,
        reason: { unknownCommand: ctx.command },
        languageCode: ctx.event.from.languageCode,
      }),
    onGroupMessage: (ctx, event) => addAlarmLine({ ctx, event, deps: alarmDeps }),
    onBotAddedToGroup: (ctx, updateKey) => botAddedToGroup({ ctx, key: updateKey, deps: groupSetup }),
    // A pasted message with a verification code is checked first; then guided flows and follow-ups;
    // text nothing took is typed words for a command, or gets the welcome with its buttons.
    onPrivateMessage: async (ctx, event) =>
      (event.type === "text" && (await verifyPasted(ctx, event.text, verifyDeps))) ||
      (flowRouter ? await flowRouter.handle(ctx, event) : false) ||
      (event.type === "text" && (await answerTypedWords({ ctx, event, deps: generalDeps }))),
  });
  return { commandTable, dispatcher };
}

/**
 * Outside a guided flow, typed words for a command ("giúp", "menu", "tra cứu TG-…") are what the
 * person asks for, even after a tip: they come before the tip's follow-up handling.
 */
function keywordsBeforeFollowUps(
  followUps: PrivateMessageHandler,
  generalDeps: () => GeneralDeps,
): PrivateMessageHandler {
  return async (ctx, event) =>
    event.type === "text" && matchKeyword(event.text)
      ? answerTypedWords({ ctx, event, deps: generalDeps() })
      : followUps(ctx, event);
}
