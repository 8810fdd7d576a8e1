/** The tip-box poster of an area as a PDF file, in one language (for `/apphich` and `npm run poster`). */
import { noEscape, type Translator } from "../../core/i18n.js";
import type { Locale } from "../../core/text.js";
import type { AreaRecord } from "../areas/types.js";
import { posterContent, posterFilename } from "./poster-content.js";
import { renderPosterPdf, type PosterQr } from "./render-poster-pdf.js";

export interface Poster {
  readonly filename: string;
  readonly pdf: Buffer;
  readonly qrCodes: readonly PosterQr[];
}

/** Undefined when there is nothing to scan: no Telegram bot name and no Zalo link. */
export async function makePoster(input: {
  area: AreaRecord;
  parent?: AreaRecord | null;
  locale: Locale;
  botUsername: string | undefined;
  zaloLink: string | undefined;
  translator: Translator;
}): Promise<Poster | undefined> {
  const { area, locale, translator } = input;
  const content = posterContent({
    area,
    parent: input.parent,
    botUsername: input.botUsername,
    zaloLink: input.zaloLink,
  });
  if (!content) return undefined;
  // A PDF is not HTML: parameters (the area's name) are printed as typed.
  const rendered = await renderPosterPdf({ content, say: (text) => translator.render(text, locale, noEscape) });
  return { filename: posterFilename(area.code, locale), ...rendered };
}
