import { en, id } from "../../apps/web/src/i18n/catalogues.js";

/** Every message key of the dashboard (`campaigns.title`, ...), from both languages' catalogues. */
function flatten(messages: unknown, prefix = "", into = new Set<string>()): Set<string> {
  if (typeof messages !== "object" || messages === null) {
    // A plural form (`x_one`, `x_other`) is looked up, and shown when missing, under its base key.
    into.add(prefix.replace(/_(zero|one|two|few|many|other)$/, ""));
    return into;
  }
  for (const [key, value] of Object.entries(messages))
    flatten(value, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

const KNOWN_KEYS = new Set([...flatten(id), ...flatten(en)]);
/** The catalogues' top-level sections: a missing key still starts with one of them (`wallet.nope`). */
const SECTIONS = new Set([...Object.keys(id), ...Object.keys(en)]);

/**
 * Strings in the text that look like untranslated i18n keys: a known key, or a dotted name under one
 * of the catalogue's sections (i18next shows the key itself when a message is missing), plus any
 * `{{placeholder}}` left uninterpolated.
 */
export function rawKeysIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\b[A-Za-z][\w-]*(?:\.[A-Za-z_][\w-]*)+\b/g)) {
    const token = match[0];
    const section = token.split(".")[0] ?? "";
    if (KNOWN_KEYS.has(token) || SECTIONS.has(section)) found.add(token);
  }
  for (const match of text.matchAll(/\{\{\s*[\w.]+\s*\}\}/g)) found.add(match[0]);
  return [...found];
}

/**
 * Message texts (three words or more, no interpolation) that differ between the two languages.
 * Placeholders (`headlinePlaceholder`: "Kopi susu gula aren") are sample content an owner may well
 * type too, so they do not count.
 */
function distinctTexts(messages: unknown, other: unknown, into: string[] = [], key = ""): string[] {
  if (typeof messages === "string") {
    if (
      typeof other === "string" &&
      !/Placeholder$/.test(key) &&
      messages !== other &&
      !messages.includes("{{") &&
      messages.trim().split(/\s+/).length >= 3
    )
      into.push(messages.trim());
    return into;
  }
  if (typeof messages !== "object" || messages === null) return into;
  for (const [name, value] of Object.entries(messages))
    distinctTexts(value, (other as Record<string, unknown> | null)?.[name], into, name);
  return into;
}

const ONLY_ID = distinctTexts(id, en);
const ONLY_EN = distinctTexts(en, id);

/** Whole messages of the other language in `text`: a string left untranslated after a switch. */
export function otherLanguageMessagesIn(text: string, shown: "id" | "en"): string[] {
  const flat = text.replace(/\s+/g, " ");
  return (shown === "en" ? ONLY_ID : ONLY_EN).filter((message) => flat.includes(message));
}
