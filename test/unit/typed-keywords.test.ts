/** Typed words instead of commands (issue 15): diacritics and case do not matter; only the opening words count. */
import { describe, expect, it } from "vitest";
import { foldVietnamese, matchKeyword } from "../../src/modules/general/typed-keywords.js";

describe("matchKeyword", () => {
  it("folds diacritics, đ and case", () => {
    expect(foldVietnamese("ĐẶNG Tố Giác")).toBe("dang to giac");
  });

  it("finds the command and keeps what follows as typed", () => {
    expect(matchKeyword("Tố giác: xe máy lạ\nđỗ ở ngõ 5")).toEqual({
      target: { command: "togiac", takesArgs: true },
      rest: "xe máy lạ\nđỗ ở ngõ 5",
    });
    expect(matchKeyword("tra cuu TG-7K3F9Q")).toEqual({
      target: { command: "tracuu", takesArgs: true },
      rest: "TG-7K3F9Q",
    });
    expect(matchKeyword("TRỢ GIÚP")?.target).toEqual({ command: "trogiup", takesArgs: false });
    expect(matchKeyword("Xin chào!")?.target).toEqual({ welcome: true });
    expect(matchKeyword("tg-7k3f9q")?.target).toEqual({ command: "tracuu", takesArgs: true });
  });

  it("ignores a keyword that does not open the message, or is only the start of a word", () => {
    expect(matchKeyword("tôi muốn tố giác")).toBeUndefined();
    expect(matchKeyword("giupviec cần tìm")).toBeUndefined();
  });
});
