/** `npm run db:deploy`: applies pending migrations (and seeds the quiz bank once it exists), then exits. */
import { ConfigError, loadConfig } from "../config.js";
import { DependencyUnavailableError } from "../core/errors.js";
import { applyMigrations } from "./migrations.js";

try {
  const config = loadConfig(process.env);
  const { ranCli } = await applyMigrations(config.DATABASE_URL);
  console.log(ranCli ? "Migrations applied." : "Database is up to date.");
} catch (error) {
  if (error instanceof ConfigError || error instanceof DependencyUnavailableError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
