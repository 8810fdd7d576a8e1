/**
 * What produced a delivery, as typed fields (columns `sourceKind`, `sourceId`, `sourceStep` of
 * `Delivery`) rather than a string parsed back: progress counts an alert's broadcast, statistics
 * count sent broadcasts, retention finds a tip's messages, the digest finds officers' tip cards.
 */
export type DeliverySource =
  | { readonly kind: "alert" | "alarm" | "campaign" | "tip" | "quiz"; readonly id: number }
  /** The weekly report of an area (`id`: the area). */
  | { readonly kind: "report"; readonly id: number }
  /** A tip's card sent by forwarding (level 0) or escalation: the one kind an officer's digest merges. */
  | { readonly kind: "tipCard"; readonly id: number; readonly level: number }
  /** A relay's forward-ready copy, and its reminder. */
  | { readonly kind: "relay" | "relayReminder" };

export type DeliverySourceKind = DeliverySource["kind"];

/** The three columns a source is stored in. */
export interface DeliverySourceColumns {
  readonly sourceKind: DeliverySourceKind | null;
  readonly sourceId: number | null;
  readonly sourceStep: number | null;
}

export function deliverySourceColumns(source: DeliverySource | undefined): DeliverySourceColumns {
  if (!source) return { sourceKind: null, sourceId: null, sourceStep: null };
  switch (source.kind) {
    case "relay":
    case "relayReminder":
      return { sourceKind: source.kind, sourceId: null, sourceStep: null };
    case "tipCard":
      return { sourceKind: source.kind, sourceId: source.id, sourceStep: source.level };
    default:
      return { sourceKind: source.kind, sourceId: source.id, sourceStep: null };
  }
}

/**
 * The source stored in a row: null when none was given, `"unreadable"` when the columns do not fit
 * together (a bug: the caller logs it; a CHECK constraint keeps such rows out of the table).
 */
export function readDeliverySource(row: DeliverySourceColumns): DeliverySource | null | "unreadable" {
  const { sourceKind: kind, sourceId: id, sourceStep: step } = row;
  if (kind === null) return id === null && step === null ? null : "unreadable";
  switch (kind) {
    case "relay":
    case "relayReminder":
      return id === null && step === null ? { kind } : "unreadable";
    case "tipCard":
      return id !== null && step !== null ? { kind, id, level: step } : "unreadable";
    default:
      return id !== null && step === null ? { kind, id } : "unreadable";
  }
}
