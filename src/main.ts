/**
 * `npm start`: configuration → dependencies → roles; graceful shutdown on SIGTERM/SIGINT.
 * With no bot token (or `--sandbox`) it runs the local sandbox instead (DESIGN.md §6).
 */
import { startApp, type App } from "./app.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { DependencyUnavailableError } from "./core/errors.js";
import { createLogger } from "./logger.js";
import { startSandbox } from "./sandbox/start-sandbox.js";

async function main(): Promise<void> {
  let config: Config;
  const forceSandbox = process.argv.includes("--sandbox");
  try {
    config = loadConfig(process.env, { forceSandbox });
    // A production deployment that lost its token must stop, not serve a sandbox with published keys.
    if (config.sandbox && !forceSandbox && config.NODE_ENV === "production") {
      throw new ConfigError(
        "Invalid configuration: TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN is required when NODE_ENV=production (without one, npm start would run the sandbox)",
      );
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  const starting = config.sandbox
    ? startSandbox(config, { logger, reset: process.argv.includes("--reset") })
    : startApp(config, { logger });

  // Signals are handled from the first moment: one that comes during start-up stops what the start
  // opened (an embedded PostgreSQL too) once it is done, instead of killing the process under it.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    starting
      // A start that failed is reported below.
      .then(
        (app) => app.stop().then(() => process.exit(0)),
        () => undefined,
      )
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  let app: App;
  try {
    app = await starting;
  } catch (error) {
    if (error instanceof DependencyUnavailableError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  logger.info(
    { roles: config.KENG_ROLES, port: app.httpPort, sandbox: config.sandbox, data: app.dataLocation },
    "Kẻng is running",
  );
}

await main();
