/** Issue 21: what links two tips on the console's tip page (plates, phone numbers, addresses). */
import { describe, expect, it } from "vitest";
import { relatedPhrases } from "../../src/modules/console/related-phrases.js";

describe("related phrases", () => {
  it("finds plates, phone numbers and addresses as people write them", () => {
    expect(relatedPhrases("Xe Wave đỏ biển 90B1-123.45 ở ngõ 12 phường Minh Khai, gọi 0912 345 678")).toEqual([
      "90B1-123.45",
      "0912 345 678",
      "ngõ 12",
    ]);
    // Under five characters ("số 7") a phrase links too many tips to mean anything.
    expect(relatedPhrases("Nhà số 7 đường Lê Lợi, số 125 Trần Phú")).toEqual(["đường Lê Lợi", "số 125 Trần Phú"]);
    expect(relatedPhrases("Không có gì cụ thể")).toEqual([]);
  });
});
