/** ChatDirectory over the platforms this process runs: asks the one the chat belongs to. */
import type { PlatformName } from "../core/messages.js";
import type { ChatDirectory, GroupAdminAnswer, PlatformDirectory } from "../core/ports.js";

export class PlatformsDirectory implements ChatDirectory {
  constructor(private readonly platforms: ReadonlyMap<PlatformName, PlatformDirectory>) {}

  async isGroupAdmin(options: { platform: PlatformName; chatId: string; userId: string }): Promise<GroupAdminAnswer> {
    const platform = this.platforms.get(options.platform);
    if (!platform) return false;
    return platform.isGroupAdmin({ chatId: options.chatId, userId: options.userId });
  }

  botUsername(platform: PlatformName): string | undefined {
    return this.platforms.get(platform)?.botUsername();
  }

  async deleteMessage(options: { platform: PlatformName; chatId: string; messageId: string }): Promise<boolean> {
    const platform = this.platforms.get(options.platform);
    if (!platform) return false;
    return platform.deleteMessage({ chatId: options.chatId, messageId: options.messageId });
  }
}
