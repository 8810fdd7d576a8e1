/**
 * An area as a signed message showed it, written beside the message's verification code
 * (`VerificationCode.context`), and back: `/kiemtra` rebuilds the message from it, not from the area
 * as it is now, so a rename, a new unit or a removal later leaves real copies real.
 */
import { z } from "zod";
import type { IssuedArea, IssuedUnit } from "../../core/verification.js";
import { isAreaKind, type AreaKind } from "./area-kind.js";
import type { UnitSource } from "./police-unit.js";

/** The area fields a signed message is rendered from (as alerts carry them). */
export interface ShownArea {
  readonly areaCode: string;
  readonly areaName: string;
  readonly areaKind: AreaKind | null;
  readonly unitName: string | null;
  readonly parentArea: UnitSource | null;
}

const UnitSchema = z.object({ name: z.string(), kind: z.string().nullable(), unitName: z.string().nullable() });
const IssuedAreaSchema = UnitSchema.extend({ code: z.string().min(1), parent: UnitSchema.nullable() });

export function issuedArea(area: ShownArea): IssuedArea {
  const { parentArea: parent } = area;
  return {
    code: area.areaCode,
    name: area.areaName,
    kind: area.areaKind,
    unitName: area.unitName,
    parent: parent ? { name: parent.name, kind: parent.kind, unitName: parent.unitName } : null,
  };
}

export function shownArea(area: IssuedArea): ShownArea {
  return {
    areaCode: area.code,
    areaName: area.name,
    areaKind: kindOf(area),
    unitName: area.unitName,
    parentArea: area.parent ? unitSource(area.parent) : null,
  };
}

/** A stored context, or undefined when there is none (rows written before it was stored) or it is unreadable. */
export function readIssuedArea(json: unknown): IssuedArea | undefined {
  const parsed = IssuedAreaSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

function unitSource(unit: IssuedUnit): UnitSource {
  return { name: unit.name, kind: kindOf(unit), unitName: unit.unitName };
}

// A kind that no longer exists is worded as no kind ("Công an khu vực"), never guessed.
const kindOf = (unit: IssuedUnit): AreaKind | null => (isAreaKind(unit.kind) ? unit.kind : null);
