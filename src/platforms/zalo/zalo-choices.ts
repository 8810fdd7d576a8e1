/**
 * The lines Zalo prints under a message in place of its buttons: numbered choices, link hints and
 * the footer. Shared by the sender and by `/kiemtra`'s idea of what a copied Zalo message reads.
 */
import type { Button } from "../../core/messages.js";
import { t, type Text } from "../../core/text.js";

/** `numbers[i]` is the number of the i-th callback button. */
export function choiceLines(buttons: readonly Button[], numbers: readonly (number | string)[]): Text[] {
  const callbacks = buttons.flatMap((b) => ("callback" in b ? [b] : []));
  const links = buttons.flatMap((b) => ("url" in b ? [b] : []));
  const choices = callbacks.map((b, i) => t("common:zalo.option", { number: numbers[i] ?? 0, label: b.text }));
  const linkLines = links.map((b) =>
    /[?&]start=tip_/.test(b.url) ? t("common:zalo.tipHint") : t("common:zalo.link", { label: b.text, url: b.url }),
  );
  const footer = callbacks.length > 0 ? [t("common:zalo.footer")] : [];
  return [{ raw: "" }, ...choices, ...linkLines, ...footer];
}
