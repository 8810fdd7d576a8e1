import { describe, expect, it } from "vitest";
import { readLocaleResources, Translator } from "../../src/core/i18n.js";
import { t, raw, lines } from "../../src/core/text.js";
import { escapeHtml } from "../../src/core/i18n.js";

function flatten(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

describe("locale files", () => {
  const resources = readLocaleResources();

  it("have the same namespaces and keys in vi and en", () => {
    const vi = resources.vi ?? {};
    const en = resources.en ?? {};
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const ns of Object.keys(vi)) {
      expect(flatten(en[ns]).sort(), `namespace ${ns}`).toEqual(flatten(vi[ns]).sort());
    }
  });

  it("have no empty strings and keep the same {{placeholders}} in both languages", () => {
    const vi = resources.vi ?? {};
    const en = resources.en ?? {};
    const get = (obj: unknown, path: string) =>
      path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
    for (const ns of Object.keys(vi)) {
      for (const key of flatten(vi[ns])) {
        const a = String(get(vi[ns], key));
        const b = String(get(en[ns], key));
        expect(a.trim(), `vi ${ns}:${key}`).not.toBe("");
        expect(b.trim(), `en ${ns}:${key}`).not.toBe("");
        const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();
        expect(placeholders(b), `${ns}:${key}`).toEqual(placeholders(a));
      }
    }
  });

  it("put no English plural noun after a bare number: {{n, plural(one: …; other: …)}} instead", () => {
    // A parameter that holds a number, followed by a word ending in s (or "people", "(s)").
    const bare = /\{\{(\w+)\}\} (\w+s|people|\w+\(s\))\b/g;
    const numeric =
      /^(count|max|days|messageDays|minutes|hours|seconds|groups|followers|total|chats|received|stopped|people|photos|areas|pending|withdrawn)$/;
    for (const [ns, bundle] of Object.entries(resources.en ?? {})) {
      for (const key of flatten(bundle)) {
        const text = String(key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], bundle));
        for (const m of text.matchAll(bare)) {
          if (m[1] && numeric.test(m[1]))
            expect.fail(`en ${ns}:${key} says "${m[0]}": use {{${m[1]}, plural(one: …; other: …)}}`);
        }
      }
    }
  });
});

describe("Translator", () => {
  it("writes English nouns after a number in the singular for one and the plural otherwise", async () => {
    const translator = await Translator.create("vi");
    const done = (groups: number, followers: number) =>
      translator.render(t("alerts:issue.done", { id: "K-1", area: "P5", groups, followers }), "en", escapeHtml);
    expect(done(1, 2)).toContain("1 group, 2 followers");
    expect(done(2, 1)).toContain("2 groups, 1 follower");
    expect(done(0, 0)).toContain("0 groups, 0 followers");
    expect(
      translator.render(t("alerts:issue.done", { id: "K-1", area: "P5", groups: 1, followers: 1 }), "vi", escapeHtml),
    ).toContain("1 nhóm");
  });

  it("renders keys in both languages and escapes user text and parameters", async () => {
    const translator = await Translator.create("vi");
    const text = lines(t("areas:create.done", { code: "a.b", name: "<script>&" }), raw("<b>not bold</b>"));
    const vi = translator.render(text, "vi", escapeHtml);
    expect(vi).toContain("Đã tạo khu vực <b>&lt;script&gt;&amp;</b>");
    expect(vi).toContain("&lt;b&gt;not bold&lt;/b&gt;");
    expect(translator.render(t("areas:create.done", { code: "x", name: "Y" }), "en", escapeHtml)).toContain(
      "Area <b>Y</b> created",
    );
  });
});
