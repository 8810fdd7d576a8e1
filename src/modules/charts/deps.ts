/** What the chart use cases need, passed in by the composition root. */
import type { Locale, Text } from "../../core/text.js";

export interface ChartDeps {
  /**
   * The plain text of an i18n key in a locale (no HTML, no escaping): a picture's words go
   * through i18next like every other string; the SVG builders escape them for XML.
   */
  label(text: Text, locale: Locale): string;
}
