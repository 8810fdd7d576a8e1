/**
 * "Việc khẩn cấp: gọi 113" for every moment that may be an emergency (the start of a tip, its
 * receipt), with the public phone of the tip's area — or of the nearest area above that has one —
 * when an admin set it.
 */
import { t, type Text } from "../../core/text.js";
import type { AreaRecord } from "../areas/types.js";

const MAX_HOPS = 8;

export async function emergencyLine(
  areaId: number | null | undefined,
  areas: { findAreaById(id: number): Promise<AreaRecord | null> },
): Promise<Text> {
  let area = areaId ? await areas.findAreaById(areaId) : null;
  for (let hops = 0; area && hops < MAX_HOPS; hops++) {
    if (area.phone) return t("tips:emergency.withPhone", { area: area.name, phone: area.phone });
    area = area.parentId ? await areas.findAreaById(area.parentId) : null;
  }
  return t("tips:emergency.line");
}
