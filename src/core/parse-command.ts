/** `/keng@KengBot args` → { command: "keng", args, addressed }; null if addressed to another bot. */
export function parseCommand(
  text: string,
  botUsername: string | undefined,
): { command: string; args: string; addressed: boolean } | null {
  const match = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match?.[1]) return null;
  const target = match[2];
  if (target && botUsername && target.toLowerCase() !== botUsername.toLowerCase()) return null;
  return { command: match[1].toLowerCase(), args: (match[3] ?? "").trim(), addressed: target !== undefined };
}
