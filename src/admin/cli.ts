/** Entry of `npm run admin -- <command> …` (see usage.ts); the work is in run-admin.ts. */
import { runAdmin } from "./run-admin.js";

const code = await runAdmin(process.argv.slice(2), {
  env: process.env,
  io: { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) },
});
// Exit at once: no open handle (pool, Redis) should keep an operator's shell waiting.
process.exitCode = code;
process.stdout.write("", () => process.exit(code));
