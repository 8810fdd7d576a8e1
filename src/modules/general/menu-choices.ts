/**
 * What a person can do, as buttons (numbered lines on Zalo): the welcome, typed words the bot does
 * not understand and `/trogiup` offer the same choices, in the order people most likely want them.
 * Each button runs the same use case as its command (see menu-button.ts).
 */
import type { RoleName } from "../../core/actors.js";
import type { CommandSpec } from "../../core/commands.js";
import type { Button, ChatKind } from "../../core/messages.js";
import { t } from "../../core/text.js";
import { visibleTo } from "../menus/visible-to.js";

/** Callback data prefix of the menu buttons. */
export const MENU_PREFIX = "menu";

/** An officer's own work first: the gong must be one tap away. */
const OFFICER_CHOICES = ["keng", "tingiac", "tinhtrang"];
const RESIDENT_CHOICES = ["togiac", "theodoi", "tracuu", "kiemtra", "cauhoi", "trogiup"];

/** The commands offered as buttons to someone with `roles` in this kind of chat (those the table has). */
export function menuChoices(options: {
  commands: readonly CommandSpec[];
  roles: ReadonlySet<RoleName>;
  chatKind: ChatKind;
}): CommandSpec[] {
  const { commands, roles, chatKind } = options;
  const usable = (name: string) =>
    commands.find(
      (spec) =>
        spec.names[0] === name && (spec.where === "any" || spec.where === chatKind) && visibleTo(spec.audience, roles),
    );
  return [...OFFICER_CHOICES, ...RESIDENT_CHOICES].flatMap((name) => usable(name) ?? []);
}

/** One button per choice, one per row (large targets for older fingers). */
export function choiceButtons(choices: readonly CommandSpec[]): Button[][] {
  return choices.map((spec) => [
    { text: t(`common:menu.button.${spec.names[0] ?? ""}`), callback: `${MENU_PREFIX}:${spec.names[0] ?? ""}` },
  ]);
}
