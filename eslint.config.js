// ESLint flat config: typescript-eslint's recommended rules plus the import direction of STYLE.md.
import tseslint from "typescript-eslint";

const adapterLibraries = ["telegraf", "telegraf/*", "axios", "bullmq", "@prisma/client", "@prisma/*", "ioredis"];
const generatedClient = ["**/generated/**", "**/db/client.js"];

export default tseslint.config(
  { ignores: ["node_modules/**", "src/generated/**", "dist/**", "scratch/**", "test/artifacts/**", "test/scratch/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The domain core and the modules never touch platform, queue or database libraries…
    files: ["src/core/**/*.ts", "src/modules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: adapterLibraries,
              message: "core/ and modules/ talk to ports; only a module's repo.ts / jobs.ts may use adapter libraries.",
            },
            { group: generatedClient, message: "only a module's repo.ts may use the Prisma client." },
            {
              group: ["**/platforms/**", "**/queue/**", "**/http/**", "**/sandbox/**", "**/router/**", "**/app.js"],
              message: "the domain does not depend on adapters.",
            },
          ],
        },
      ],
    },
  },
  {
    // …except a module's adapters: repo.ts (Prisma) and jobs.ts (BullMQ).
    files: ["src/modules/**/repo.ts", "src/modules/**/*-repo.ts", "src/modules/**/jobs.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // core/ depends on nothing of ours but itself.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                ...adapterLibraries,
                ...generatedClient,
                "**/modules/**",
                "**/platforms/**",
                "**/queue/**",
                "**/db/**",
              ],
              message: "core/ is the bottom layer.",
            },
          ],
        },
      ],
    },
  },
);
