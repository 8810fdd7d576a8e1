/** `/ngonngu <vi|en>` (or a language button): this user's language. */
import type { CommandContext, RequestContext } from "../../core/commands.js";
import { isLocale, t, type Locale } from "../../core/text.js";
import type { GeneralDeps } from "./deps.js";

export async function setLanguage(options: { ctx: CommandContext; deps: GeneralDeps }): Promise<void> {
  const { ctx, deps } = options;
  const wanted = ctx.args.trim().toLowerCase();
  if (!isLocale(wanted)) return ctx.reply(t("common:language.usage"));
  await chooseLanguage({ ctx, deps, locale: wanted });
}

export async function chooseLanguage(options: {
  ctx: RequestContext;
  deps: GeneralDeps;
  locale: Locale;
}): Promise<void> {
  const { ctx, deps, locale: wanted } = options;
  await deps.identity.setUserLocale(ctx.user.id, wanted);
  // Answer in the new language at once, in a private chat; a group keeps its own language.
  const locale = ctx.chat.kind === "private" ? wanted : ctx.locale;
  await ctx.reply(t("common:language.done", { language: t(`common:language.name.${wanted}`) }), { locale });
}
