/**
 * The privacy notice a tipster reads before their first tip is stored, and on demand with
 * `/quyenriengtu` (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): who controls the data (the police unit
 * an admin configured for the area), for what, which data, who can read it, how long each is kept,
 * the person's rights and how to use them, and that messages pass through the platform's servers.
 * Every sentence is one the code keeps: see the retention sweep (src/modules/retention/).
 */
import { lines, t, type Text } from "../../core/text.js";
import { policeUnitName } from "../areas/police-unit.js";
import type { AreaRecord } from "../areas/types.js";
import type { TipSettings } from "./deps.js";

/** The unit named as controller, with its address and phone when an admin configured them. */
export interface ControllerArea {
  readonly name: string;
  /** The unit's name as configured, or worded from the area's kind ("Công an phường 5"). */
  readonly unit: Text | null;
  readonly address: string | null;
  readonly phone: string | null;
}

/** The notice; `area` is the tip's area when known (the confirmation step always knows it). */
export function privacyNotice(input: {
  area: ControllerArea | null;
  settings: Pick<TipSettings, "retentionDays" | "deliveryRetentionDays">;
}): Text {
  const { area, settings } = input;
  const controller = area
    ? lines(
        t("tips:privacy.controller", { unit: area.unit ?? t("tips:privacy.unitOfArea", { area: area.name }) }),
        ...(area.address ? [t("tips:privacy.address", { address: area.address })] : []),
        ...(area.phone ? [t("tips:privacy.phone", { phone: area.phone })] : []),
      )
    : t("tips:privacy.controllerUnknown");
  return lines(
    t("tips:privacy.title"),
    controller,
    t("tips:privacy.purpose"),
    t("tips:privacy.data"),
    t("tips:privacy.readers"),
    t("tips:privacy.anonymous"),
    t("tips:privacy.kept", {
      days: settings.retentionDays,
      messageDays: Math.min(settings.deliveryRetentionDays, settings.retentionDays),
    }),
    t("tips:privacy.rights"),
    t("tips:privacy.abroad"),
  );
}

/**
 * The unit that controls a tip's data: the nearest area, from the tip's own up, whose unit an admin
 * configured (name, address or phone); else the police worded from the area's kind.
 */
export async function controllerArea(
  areaId: number | null | undefined,
  areas: { findAreaById(id: number): Promise<AreaRecord | null> },
): Promise<ControllerArea | null> {
  if (!areaId) return null;
  const own = await areas.findAreaById(areaId);
  if (!own) return null;
  const parent = own.parentId ? await areas.findAreaById(own.parentId) : null;
  for (let area: AreaRecord | null = own, hops = 0; area && hops < 8; hops++) {
    if (area.unitName || area.address) {
      const above = area.parentId ? await areas.findAreaById(area.parentId) : null;
      return { name: area.name, unit: policeUnitName(area, above) ?? null, address: area.address, phone: area.phone };
    }
    area = area.parentId ? await areas.findAreaById(area.parentId) : null;
  }
  return { name: own.name, unit: policeUnitName(own, parent) ?? null, address: null, phone: own.phone };
}
