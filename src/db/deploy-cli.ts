/** `npm run db:deploy`: applies pending migrations and seeds the quiz bank (both idempotent), then exits. */
import { ConfigError, loadConfig } from "../config.js";
import { DependencyUnavailableError } from "../core/errors.js";
import { PrismaQuestionBankStore } from "../modules/quizzes/bank-repo.js";
import { loadQuestionBank } from "../modules/quizzes/bank/load-bank.js";
import { seedQuestionBank } from "../modules/quizzes/seed-question-bank.js";
import { createDb } from "./client.js";
import { applyMigrations } from "./migrations.js";
import { openDatabaseServer } from "./open-database-server.js";

try {
  const config = loadConfig(process.env);
  // Without DATABASE_URL: the embedded PostgreSQL of KENG_DATA_DIR (a running app's, or started for this).
  const server = await openDatabaseServer({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.KENG_DATA_DIR,
    shareRunning: true,
  });
  try {
    const { ranCli } = await applyMigrations(server.url);
    console.log(ranCli ? "Migrations applied." : "Database is up to date.");
    const db = createDb(server.url, { poolSize: 2 });
    try {
      const seeded = await seedQuestionBank({
        store: new PrismaQuestionBankStore(db),
        bank: loadQuestionBank(),
        today: new Date(),
      });
      console.log(
        `Quiz bank: ${seeded.total} questions (${seeded.inserted} new, ${seeded.updated} updated; ${seeded.deleted} removed and ${seeded.ended} retired from the bank).`,
      );
    } finally {
      await db.$disconnect();
    }
  } finally {
    await server.stop();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof DependencyUnavailableError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
