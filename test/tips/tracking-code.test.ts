import { describe, expect, it } from "vitest";
import { newTrackingCode, normaliseTrackingCode } from "../../src/modules/tips/tracking-code.js";

describe("tracking codes", () => {
  it("are TG- and six unambiguous characters", () => {
    for (let i = 0; i < 200; i++) expect(newTrackingCode()).toMatch(/^TG-[A-HJKMNP-Z2-9]{6}$/);
  });

  it("are recognised as people type them", () => {
    expect(normaliseTrackingCode("tg-7k3f9q")).toBe("TG-7K3F9Q");
    expect(normaliseTrackingCode("7K3F9Q")).toBe("TG-7K3F9Q");
    expect(normaliseTrackingCode(" TG7K3F9Q ")).toBe("TG-7K3F9Q");
    expect(normaliseTrackingCode("TG-7K3F90")).toBeUndefined();
    expect(normaliseTrackingCode("TG-7K3F9QQ")).toBeUndefined();
    expect(normaliseTrackingCode("")).toBeUndefined();
  });
});
