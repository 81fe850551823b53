import { z } from "zod";

/**
 * PostgreSQL's text and jsonb cannot hold U+0000, and a UTF-16 surrogate without its pair is no
 * character at all (it has no UTF-8 form): a string holding either is refused at the edge, with a
 * 400 naming its field, instead of failing its INSERT with a 500.
 */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT = "must not contain a NUL character (U+0000) or an unpaired surrogate";

export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !UNPAIRED_SURROGATE.test(text);
}

/**
 * What a person writes (a name, ad copy, a message, a note, a search term): refused when it cannot
 * be stored, normalised to NFC (an "é" typed either way is one string of one length), trimmed, and
 * then held to its lengths.
 */
export function freeText({ min = 0, max }: { min?: number; max: number }) {
  const text = z
    .string()
    .refine(isStorableText, { message: UNSTORABLE_TEXT, abort: true, params: { code: "UNSTORABLE_TEXT" } })
    .normalize("NFC")
    .trim();
  const atLeast =
    min === 0
      ? text
      : text.min(min, { message: min === 1 ? "is required" : `must be at least ${min} characters` });
  return atLeast.max(max, { message: `must be at most ${max} characters` });
}

interface Visit {
  value: unknown;
  key?: string | number;
  parent?: Visit;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The path of the first key or string anywhere in a JSON value that `isStorableText` refuses, for
 * bodies kept as sent (jsonb). A loop, not recursion, and each visit points at its parent instead
 * of copying a path: a body nested a million deep must not overflow the stack or the heap.
 */
export function unstorableTextPath(value: unknown): (string | number)[] | undefined {
  const pending: Visit[] = [{ value }];
  for (let parent = pending.pop(); parent; parent = pending.pop()) {
    const current = parent.value;
    if (typeof current === "string") {
      if (!isStorableText(current)) return pathOf(parent);
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const visit = { value: item, key: Array.isArray(current) ? Number(key) : key, parent };
        if (!isStorableText(key)) return pathOf(visit);
        pending.push(visit);
      }
    }
  }
  return undefined;
}
