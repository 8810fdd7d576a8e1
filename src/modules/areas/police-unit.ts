/** The police unit that speaks for an area: the sender line of its alerts and the unit on its posters. */
import { t, type Text } from "../../core/text.js";
import { isPoliceKind, splitKindPrefix, type AreaKind } from "./area-kind.js";

/** What the wording needs of an area. */
export interface UnitSource {
  readonly name: string;
  readonly kind: AreaKind | null;
  readonly unitName: string | null;
}

/**
 * The unit the admin named (`/suakhuvuc <code> donvi …`), else one worded from the area's kind:
 * "Công an xã An Hòa" / "Police of An Hòa Commune", "Công an phường 5" / "Police of Ward 5".
 * A village, residential group or school has no police of its own (police have had no level below
 * the commune since 01/3/2025), so its parent commune's unit speaks for it. Undefined when the area
 * has neither a unit name nor a kind to word one from: callers then say "Công an khu vực".
 */
export function policeUnitName(area: UnitSource, parent?: UnitSource | null): Text | undefined {
  if (area.unitName) return { raw: area.unitName };
  if (isPoliceKind(area.kind)) {
    const split = splitKindPrefix(area.name);
    const name = split?.kind === area.kind ? split.rest : area.name;
    return t(/^\d+$/.test(name) ? `areas:unitNumbered.${area.kind}` : `areas:unit.${area.kind}`, { name });
  }
  if (area.kind !== null && parent) return policeUnitName(parent);
  return undefined;
}
