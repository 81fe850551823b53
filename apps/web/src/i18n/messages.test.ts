import { describe, expect, it } from "vitest";
import { en, id } from "./catalogues";

/** Every leaf of a message tree as `dotted.key -> text`. */
function leaves(tree: object, prefix = ""): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") {
      for (const [leafPath, leaf] of leaves(value, path)) result.set(leafPath, leaf);
    } else {
      result.set(path, value);
    }
  }
  return result;
}

/** `{{name}}` placeholders, which a translation must keep or the value silently disappears. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1] ?? "").sort();
}

describe("translations", () => {
  const indonesian = leaves(id);
  const english = leaves(en);

  it("have exactly the same keys in Indonesian and English", () => {
    expect([...english.keys()].sort()).toEqual([...indonesian.keys()].sort());
  });

  it.each([
    ["id", indonesian],
    ["en", english],
  ])("has only non-empty strings in %s", (_locale, messages) => {
    for (const [key, text] of messages) {
      expect(typeof text, key).toBe("string");
      expect(String(text).trim(), key).not.toBe("");
    }
  });

  it("keeps the same placeholders in both languages", () => {
    for (const [key, text] of indonesian) {
      expect(placeholders(String(english.get(key))), key).toEqual(placeholders(String(text)));
    }
  });
});
