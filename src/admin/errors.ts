/** The admin CLI's two kinds of failure, mapped to exit codes by run-admin.ts. */

/** Bad arguments: exit code 2, with the usage text. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The command could not be done (unknown area, no such role…): exit code 1, one line. */
export class AdminError extends Error {
  override name = "AdminError";
}
