/** ZALO_USER_CAP (issue 18 §3): who the bot may write to privately on Zalo; see ZaloSeats. */
import type { RelayStore, ZaloSeats } from "./types.js";

export class RelayZaloSeats implements ZaloSeats {
  constructor(
    private readonly relays: RelayStore,
    readonly cap: number,
  ) {}

  async served(): Promise<number> {
    return (await this.relays.zaloServed(0)).served;
  }

  async mayFollow(userId: number): Promise<boolean> {
    const { served, includes } = await this.relays.zaloServed(userId);
    return includes || served < this.cap;
  }

  async groupsToJoin(areaCode: string): Promise<readonly { name: string; relay: string | null }[]> {
    return (await this.relays.groupsIn(areaCode)).map((g) => ({ name: g.name, relay: g.relayName }));
  }
}
