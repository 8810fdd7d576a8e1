/**
 * SVG → PNG with resvg, no browser. The fonts are DejaVu Sans from the `dejavu-fonts-ttf` package
 * and system fonts are never loaded, so a chart is drawn the same on every machine (and Vietnamese
 * diacritics always have glyphs).
 */
import { createRequire } from "node:module";
import { renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";
import { FONT_FAMILY } from "./svg-text.js";

const require = createRequire(import.meta.url);

const OPTIONS: ResvgRenderOptions = {
  font: {
    fontFiles: [
      require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
      require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
    ],
    loadSystemFonts: false,
    defaultFontFamily: FONT_FAMILY,
    sansSerifFamily: FONT_FAMILY,
  },
  fitTo: { mode: "original" },
  background: "#ffffff",
  logLevel: "off",
};

/** Renders on libuv's thread pool, so a chart does not hold up other updates. */
export async function renderPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, OPTIONS);
  return image.asPng();
}
