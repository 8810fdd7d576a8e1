import { defineConfig } from "prisma/config";
import { cliAdapter } from "./prisma/db-adapter.js";

const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/keng";
// schema.prisma reads env("DATABASE_URL"); if it were unset, Prisma 6 would fall back to the Rust
// query engine and try to download it, which fails on machines without access to Prisma's host.
process.env.DATABASE_URL ||= databaseUrl;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => cliAdapter(databaseUrl),
});
