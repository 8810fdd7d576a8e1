/** A failed request's log line names its path without the query or a console sign-in link's token. */
import { describe, expect, it } from "vitest";
import { loggablePath } from "../../src/http/server.js";

describe("loggablePath", () => {
  it("keeps the path, drops the query and a sign-in link's token", () => {
    expect(loggablePath("/console/tips/12?q=biển số")).toBe("/console/tips/12");
    expect(loggablePath("/console/open/3f9a0c1d2e")).toBe("/console/open/…");
    expect(loggablePath("/console/open/3f9a0c1d2e?x=1")).toBe("/console/open/…");
    expect(loggablePath(undefined)).toBe("");
  });
});
