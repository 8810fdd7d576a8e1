/**
 * The last step of `npm run build`, run compiled (`node dist/src/cli/copy-build-assets.js`): puts
 * beside the compiled JavaScript in `dist/` everything the app reads from disk, so `dist/` has the
 * repository's layout — `src/` (the question bank, the sandbox's web page), `locales/`, `prisma/`
 * (schema and migrations) and `prisma.config.ts` — and `node dist/src/main.js` runs like
 * `npm start` does (the Docker image copies `dist/` to `/app`).
 */
import { cpSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../", import.meta.url));
// Run from the repository's root, as `npm run build` does.
const root = `${process.cwd()}/`;

if (!existsSync(`${dist}src/main.js`) || !existsSync(`${root}src/main.ts`)) {
  console.error(`copy-build-assets: run it from the repository's root, compiled into a build output (${dist})`);
  process.exit(2);
}
// Everything under src/ that the compiler does not emit (JSON, the sandbox's HTML/CSS/JS/images).
cpSync(`${root}src`, `${dist}src`, { recursive: true, filter: (path) => !path.endsWith(".ts") });
for (const entry of ["locales", "prisma", "prisma.config.ts"])
  cpSync(`${root}${entry}`, `${dist}${entry}`, { recursive: true });
console.log(`copied the app's assets into ${dist}`);
