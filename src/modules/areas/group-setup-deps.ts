/** What one-tap group setup (registration links, approval of groups added by residents) needs. */
import type { PlatformName } from "../../core/messages.js";
import type { Locale } from "../../core/text.js";
import type { SuperadminRef } from "./access.js";
import type { AreaAdminDeps } from "./deps.js";
import type { GroupOffers } from "./group-offers.js";
import type { GroupRegistrationCodes } from "./group-registration-codes.js";
import type { AreaRecord } from "./types.js";

/** A person who may approve a group, as the officer directory returns them. */
export interface Approver {
  readonly userId: number;
  readonly platform: PlatformName;
  readonly platformUserId: string;
  readonly locale: Locale | null;
}

/** Who may approve a group for an area: the officers (admins count) of the area or its ancestors. */
export interface GroupApprovers {
  /** The area and its ancestors, nearest first. */
  areaChain(areaId: number): Promise<AreaRecord[]>;
  officersOf(areaId: number): Promise<Approver[]>;
  superadmins(refs: readonly SuperadminRef[]): Promise<Approver[]>;
  /** Areas without a parent, by code: what a superadmin chooses from for a group of unknown people. */
  topAreas(): Promise<AreaRecord[]>;
}

export interface GroupSetupDeps extends AreaAdminDeps {
  readonly registrationCodes: GroupRegistrationCodes;
  readonly offers: GroupOffers;
  readonly approvers: GroupApprovers;
  readonly superadmins: readonly SuperadminRef[];
}
