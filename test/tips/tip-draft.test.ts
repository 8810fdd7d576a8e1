import { describe, expect, it } from "vitest";
import { appendText, MAX_TIP_TEXT, nextStep, TipDraftSchema } from "../../src/modules/tips/tip-draft.js";

const empty = TipDraftSchema.parse({});

describe("the guided flow's order", () => {
  it("asks what the draft lacks, in order", () => {
    expect(nextStep(empty)).toBe("category");
    expect(nextStep({ ...empty, category: "matuy" })).toBe("description");
    expect(nextStep({ ...empty, category: "matuy", text: "x" })).toBe("media");
    expect(nextStep({ ...empty, category: "matuy", text: "x", mediaDone: true })).toBe("identity");
    expect(nextStep({ ...empty, category: "matuy", text: "x", mediaDone: true, anonymous: false })).toBe("contact");
    expect(nextStep({ ...empty, category: "matuy", text: "x", mediaDone: true, anonymous: true })).toBe("area");
    expect(
      nextStep({
        ...empty,
        category: "matuy",
        text: "x",
        mediaDone: true,
        anonymous: false,
        contact: "0912",
        areaId: 3,
      }),
    ).toBe("confirm");
  });

  it("rejects a stored draft that was tampered with, and keeps descriptions within the limit", () => {
    expect(TipDraftSchema.safeParse({ category: "heroin" }).success).toBe(false);
    expect(TipDraftSchema.safeParse({ photos: Array.from({ length: 11 }, () => "f") }).success).toBe(false);
    expect(appendText("a", "b")).toBe("a\nb");
    expect(appendText("a".repeat(MAX_TIP_TEXT), "b")).toBeUndefined();
  });
});
