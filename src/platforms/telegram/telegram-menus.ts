/** Command menus on Telegram: setMyCommands / deleteMyCommands per scope and client language. */
import type { Telegram } from "telegraf";
import type { BotCommandScope } from "telegraf/types";
import type { Logger } from "pino";
import { noEscape, type Translator } from "../../core/i18n.js";
import type { CommandMenus, MenuEntry, MenuScope } from "../../core/ports.js";
import type { Locale } from "../../core/text.js";
import { htmlToPlain } from "../plain-text.js";

/** Telegram's limit on a command's description. */
const DESCRIPTION_MAX = 256;

function toScope(scope: MenuScope): BotCommandScope {
  switch (scope.kind) {
    case "private_chats":
      return { type: "all_private_chats" };
    case "group_chats":
      return { type: "all_group_chats" };
    case "chat":
      return { type: "chat", chat_id: scope.chatId };
    default: {
      const never: never = scope;
      throw new Error(`unknown menu scope ${JSON.stringify(never)}`);
    }
  }
}

export class TelegramMenus implements CommandMenus {
  constructor(private readonly options: { telegram: Telegram; translator: Translator; logger: Logger }) {}

  async set(input: {
    scope: MenuScope;
    language?: Locale;
    renderIn: Locale;
    entries: readonly MenuEntry[];
  }): Promise<boolean> {
    const commands = input.entries.map((entry) => ({
      command: entry.command,
      description: this.describe(entry, input.renderIn),
    }));
    try {
      await this.options.telegram.setMyCommands(commands, {
        scope: toScope(input.scope),
        ...(input.language ? { language_code: input.language } : {}),
      });
      return true;
    } catch (error) {
      // A person who never opened the bot's chat has no chat to hold a menu ("chat not found").
      this.options.logger.warn(
        { err: error, event: "menu_not_set", scope: input.scope.kind },
        "Telegram refused a command menu",
      );
      return false;
    }
  }

  async remove(scope: MenuScope): Promise<boolean> {
    try {
      await this.options.telegram.deleteMyCommands({ scope: toScope(scope) });
      return true;
    } catch (error) {
      this.options.logger.warn(
        { err: error, event: "menu_not_removed", scope: scope.kind },
        "Telegram refused to remove a command menu",
      );
      return false;
    }
  }

  /** Menus show plain text: the help line without tags, on one line, within Telegram's limit. */
  private describe(entry: MenuEntry, locale: Locale): string {
    const plain = htmlToPlain(this.options.translator.render(entry.description, locale, noEscape))
      .replace(/\s+/g, " ")
      .trim();
    return plain.length > DESCRIPTION_MAX ? `${plain.slice(0, DESCRIPTION_MAX - 1)}…` : plain;
  }
}
