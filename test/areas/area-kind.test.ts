/**
 * Issue 14 §5: what an area is (province, ward, residential group…) and how the police unit is worded
 * from it when no unit name is set — "Công an phường 5", "Police of Minh Khai Ward".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Translator } from "../../src/core/i18n.js";
import type { Locale } from "../../src/core/text.js";
import {
  chooseAreaKind,
  inferAreaKind,
  kindFitsDepth,
  parseAreaKind,
  takeKindOption,
} from "../../src/modules/areas/area-kind.js";
import { policeUnitName, type UnitSource } from "../../src/modules/areas/police-unit.js";

let translator: Translator;
beforeAll(async () => {
  translator = await Translator.create("vi");
});

const unit = (area: UnitSource, locale: Locale, parent?: UnitSource) => {
  const text = policeUnitName(area, parent);
  return text && translator.render(text, locale, (s) => s);
};

describe("the kind of an area", () => {
  it("is read from the first word of its name, where that kind fits the level", () => {
    const cases: [string, number, string | undefined][] = [
      ["Tỉnh Ninh Bình", 1, "tinh"],
      ["Thành phố Hà Nội", 1, "thanhpho"],
      ["TP. Huế", 1, "thanhpho"],
      ["Phường 5", 2, "phuong"],
      ["phường  Minh Khai", 2, "phuong"],
      ["Xã Yên Lạc", 2, "xa"],
      ["Đặc khu Phú Quốc", 2, "dackhu"],
      ["Thôn Đông", 3, "thon"],
      ["Tổ dân phố 5", 3, "todanpho"],
      ["TDP 5", 3, "todanpho"],
      ["Tổ 12", 3, "todanpho"],
      ["Trường THCS Lê Lợi", 3, "truonghoc"],
      // A "thành phố" below a province was a provincial city: gone since 01/7/2025.
      ["Thành phố Phủ Lý", 2, undefined],
      ["Tổ dân phố 5", 1, undefined],
      ["Trường THCS Lê Lợi", 1, undefined],
      ["Xanh", 2, undefined],
      ["Phường", 2, undefined],
      ["Minh Khai", 2, undefined],
    ];
    for (const [name, depth, kind] of cases) expect(inferAreaKind(name, depth), `${name} @${depth}`).toBe(kind);
  });

  it("is read forgivingly when typed, and must fit the level", () => {
    expect(["phuong", "Phường", "WARD", "tdp", "Tổ-dân-phố", "dac_khu", "school", "tinh"].map(parseAreaKind)).toEqual([
      "phuong",
      "phuong",
      "phuong",
      "todanpho",
      "todanpho",
      "dackhu",
      "truonghoc",
      "tinh",
    ]);
    expect(parseAreaKind("hamlet")).toBeUndefined();
    expect(kindFitsDepth("phuong", 1)).toBe(true);
    expect(kindFitsDepth("tinh", 2)).toBe(false);
    expect(kindFitsDepth("todanpho", 1)).toBe(false);
    expect(chooseAreaKind({ name: "Khu 3", depth: 3, typed: "todanpho" })).toEqual({ ok: true, kind: "todanpho" });
    expect(chooseAreaKind({ name: "Khu 3", depth: 3, typed: undefined })).toEqual({ ok: true, kind: null });
    expect(chooseAreaKind({ name: "Phường 5", depth: 2, typed: "xa" })).toEqual({ ok: true, kind: "xa" });
    expect(chooseAreaKind({ name: "Khu 3", depth: 1, typed: "thon" })).toEqual({
      ok: false,
      reason: "misplaced",
      kind: "thon",
    });
    expect(chooseAreaKind({ name: "Khu 3", depth: 3, typed: "xom" })).toEqual({ ok: false, reason: "unknown" });
  });

  it("takes --loai (or --kind) out of a command's arguments", () => {
    expect(takeKindOption("ninhbinh.p5.k3 Khu 3 --loai todanpho")).toEqual({
      rest: "ninhbinh.p5.k3 Khu 3",
      typed: "todanpho",
    });
    expect(takeKindOption("ninhbinh.p5.k3 --kind=thon Khu 3")).toEqual({ rest: "ninhbinh.p5.k3 Khu 3", typed: "thon" });
    expect(takeKindOption("ninhbinh.p5 Phường 5")).toEqual({ rest: "ninhbinh.p5 Phường 5", typed: undefined });
  });
});

describe("the police unit's name", () => {
  const ward: UnitSource = { name: "Phường Minh Khai", kind: "phuong", unitName: null };

  it("is worded from the kind in Vietnamese and English when no unit name is set", () => {
    expect(unit(ward, "vi")).toBe("Công an phường Minh Khai");
    expect(unit(ward, "en")).toBe("Police of Minh Khai Ward");
    expect(unit({ name: "Phường 5", kind: "phuong", unitName: null }, "vi")).toBe("Công an phường 5");
    expect(unit({ name: "Phường 5", kind: "phuong", unitName: null }, "en")).toBe("Police of Ward 5");
    expect(unit({ name: "Xã Yên Lạc", kind: "xa", unitName: null }, "vi")).toBe("Công an xã Yên Lạc");
    expect(unit({ name: "Xã Yên Lạc", kind: "xa", unitName: null }, "en")).toBe("Police of Yên Lạc Commune");
    expect(unit({ name: "Đặc khu Phú Quốc", kind: "dackhu", unitName: null }, "vi")).toBe("Công an đặc khu Phú Quốc");
    expect(unit({ name: "Tỉnh Ninh Bình", kind: "tinh", unitName: null }, "vi")).toBe("Công an tỉnh Ninh Bình");
    expect(unit({ name: "Tỉnh Ninh Bình", kind: "tinh", unitName: null }, "en")).toBe("Police of Ninh Bình Province");
    expect(unit({ name: "Hà Nội", kind: "thanhpho", unitName: null }, "vi")).toBe("Công an thành phố Hà Nội");
  });

  it("is the unit name when one is set, and a residential group's or school's is its commune's", () => {
    expect(unit({ ...ward, unitName: "Đồn Công an Khu công nghiệp" }, "en")).toBe("Đồn Công an Khu công nghiệp");
    const group: UnitSource = { name: "Tổ dân phố 5", kind: "todanpho", unitName: null };
    expect(unit(group, "vi", ward)).toBe("Công an phường Minh Khai");
    expect(unit({ name: "Trường THCS Lê Lợi", kind: "truonghoc", unitName: null }, "en", ward)).toBe(
      "Police of Minh Khai Ward",
    );
    expect(unit(group, "vi")).toBeUndefined();
    // An area of unknown kind says nothing it does not know.
    expect(unit({ name: "Phường Minh Khai", kind: null, unitName: null }, "vi", ward)).toBeUndefined();
  });
});
