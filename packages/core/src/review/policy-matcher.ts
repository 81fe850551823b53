/**
 * Finds policy keywords in ad text after undoing the usual disguises: fullwidth or accented
 * letters, look-alike letters from other scripts, leetspeak ("sl0t"), masks ("j*di"), spelled-out
 * letters ("s l o t"), punctuation inside words ("ju.di") and stretched letters ("juuudi").
 *
 * Matches respect word boundaries, so "bir" does not fire in "biru" or "kambir" and "rokok" does
 * not fire in "rokoko"; Indonesian reduplicated derivations like "arak-arakan" (a parade) are read
 * as one word, while the plain plural "sabu-sabu" still matches.
 */
import { POLICY_ALLOWED_PHRASES, POLICY_KEYWORDS, type PolicyKeyword } from "./policy-lists.js";

export interface PolicyMatch {
  keyword: PolicyKeyword;
  /** The matched stretch of the normalised text, e.g. "sl0t gac0r" for "SL0T GAC0R!!!". */
  matchedText: string;
}

/**
 * Letters from Cyrillic and Greek that render like Latin ones; spammers swap them in to slip past
 * filters. Lower-case forms only: the text is lower-cased before this map applies.
 */
const LOOK_ALIKE_LETTERS: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  і: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  ѕ: "s",
  т: "t",
  у: "y",
  х: "x",
  α: "a",
  β: "b",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ı: "i",
};

/**
 * Characters that may stand in for a letter of a keyword. The text is not rewritten with these
 * (a "1" may be an i or an l), instead each keyword letter accepts its stand-ins.
 */
const LEET_STAND_INS: Readonly<Record<string, string>> = {
  a: "4@",
  e: "3",
  i: "1",
  l: "1",
  o: "0",
  s: "5$",
  t: "7",
};

/** A "*" between letters hides one letter ("j*di"). */
const MASK = "*";

/** Characters that belong to a word while matching: letters, digits, leet stand-ins, masks, "%". */
const WORD_CHAR = String.raw`\p{L}\p{N}@$*%`;
const NOT_WORD_RUN = new RegExp(`[^${WORD_CHAR}]+`, "gu");
const PUNCTUATION_INSIDE_WORD = new RegExp(`(?<=[${WORD_CHAR}])[^${WORD_CHAR}\\s]+(?=[${WORD_CHAR}])`, "gu");
/** "arak-arakan", "obat-obatan": a reduplicated stem with an affix is one word, not two. */
const REDUPLICATED_DERIVATION = /(?<!\p{L})(\p{L}+)-(\1\p{L}+)/gu;
/**
 * Runs of one character are capped at three: stretched letters still match ("juuuudi" reads as
 * "juuudi", which the keyword pattern accepts), and every pattern quantifier stays bounded, so no
 * input can make matching slow.
 */
const LONG_RUN = /(.)\1{3,}/gsu;
const MAX_RUN = 3;
const SUFFIXES = "(?:nya|es|s)";

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /\p{L}/u.test(char);
}

/**
 * Folds text to the form keywords are matched against: NFKC (fullwidth and styled letters become
 * plain), lower case, look-alike letters mapped to Latin, diacritics and invisible characters
 * removed, "+" read as "plus" ("pijat ++"), and masks kept only between letters.
 */
export function foldForMatching(text: string): string {
  const lowered = text.normalize("NFKC").toLowerCase();
  const latin = Array.from(lowered, (char) => LOOK_ALIKE_LETTERS[char] ?? char).join("");
  return latin
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/\p{Cf}+/gu, "")
    .replace(/\+/g, " plus ")
    .replace(/\*+/g, (run, offset: number, whole: string) =>
      isLetter(whole[offset - 1]) && isLetter(whole[offset + run.length]) ? MASK : " ",
    )
    .replace(LONG_RUN, (run: string) => (run[0] ?? "").repeat(MAX_RUN));
}

/** Joins runs of three or more one-character words: "s l o t gacor" becomes "slot gacor". */
function joinSpelledOutLetters(spaced: string): string {
  const words: string[] = [];
  let letters: string[] = [];
  const flush = () => {
    if (letters.length >= 3) words.push(letters.join(""));
    else words.push(...letters);
    letters = [];
  };
  for (const word of spaced.split(" ")) {
    if (Array.from(word).length === 1) letters.push(word);
    else {
      flush();
      words.push(word);
    }
  }
  flush();
  return words.join(" ");
}

/**
 * The texts keywords are searched in. The word view splits at every punctuation mark ("slot-gacor"
 * is two words); the joined view removes punctuation inside a word ("ju.di" is "judi"). Each view
 * catches disguises the other cannot, without gluing whole sentences together.
 */
export function matchingViews(text: string): string[] {
  const folded = foldForMatching(text);
  const wordView = joinSpelledOutLetters(
    folded.replace(REDUPLICATED_DERIVATION, "$1$2").replace(NOT_WORD_RUN, " ").trim(),
  );
  const joinedView = folded.replace(PUNCTUATION_INSIDE_WORD, "").replace(NOT_WORD_RUN, " ").trim();
  return wordView === joinedView ? [wordView] : [wordView, joinedView];
}

/** Normalises text the way keyword matching sees it (the word view). */
export function normaliseForMatching(text: string): string {
  return matchingViews(text)[0] ?? "";
}

function escapeForClass(chars: string): string {
  return chars.replace(/[\\\]^$-]/g, (char) => `\\${char}`);
}

function compileWord(word: string): string {
  if (word === "#") return String.raw`(?<!\d)\d{1,9}(?!\d)`;
  if (word === "#%") return String.raw`(?<!\d)\d{1,9} ?(?:%|persen|percent)`;
  if (!/^[a-z0-9]+$/.test(word)) throw new Error(`policy phrase word "${word}" is not lower-case a-z/0-9`);
  let pattern = "";
  for (const run of word.match(/(.)\1*/g) ?? []) {
    const char = run[0] ?? "";
    if (/\d/.test(char)) {
      pattern += run;
      continue;
    }
    const accepted = escapeForClass(`${char}${LEET_STAND_INS[char] ?? ""}${MASK}`);
    pattern += `[${accepted}]${run.length >= MAX_RUN ? `{${MAX_RUN}}` : `{1,${MAX_RUN}}`}`;
  }
  // Suffixes ("rokoknya", "vapes") only on longer words: "open bos" is not "open bo".
  const letterCount = word.replace(/\d/g, "").length;
  return letterCount >= 3 ? `${pattern}${SUFFIXES}?` : pattern;
}

/** Compiles a phrase in the list syntax (see policy-lists.ts); throws on a malformed phrase. */
export function compilePolicyPhrase(phrase: string): RegExp {
  const words = phrase.split(" ");
  if (words.some((word) => word === "")) throw new Error(`policy phrase "${phrase}" has stray spaces`);
  if (words.every((word) => word.startsWith("("))) {
    throw new Error(`policy phrase "${phrase}" has no required word`);
  }
  const parts = words.map((word, index) => {
    const optional = word.startsWith("(") && word.endsWith(")");
    const separator = index < words.length - 1 ? " ?" : "";
    const body = `${compileWord(optional ? word.slice(1, -1) : word)}${separator}`;
    return optional ? `(?:${body})?` : body;
  });
  return new RegExp(String.raw`(?<!\p{L})${parts.join("")}(?!\p{L})`, "gu");
}

interface Found {
  start: number;
  end: number;
  text: string;
}

/** A match may hide one letter in four behind masks, so "b*r" is not "beer" and "****" is nothing. */
function hidesTooMuch(text: string): boolean {
  const masks = text.split(MASK).length - 1;
  return masks > Math.floor(text.replace(/ /g, "").length / 4);
}

function findAll(pattern: RegExp, view: string): Found[] {
  const found: Found[] = [];
  for (const match of view.matchAll(pattern)) {
    const text = match[0];
    if (text.length === 0 || hidesTooMuch(text)) continue;
    found.push({ start: match.index, end: match.index + text.length, text });
  }
  return found;
}

function contains(outer: Found, inner: Found): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * Drops every match that lies inside a strictly longer one, in order of appearance. One sweep over
 * the matches sorted by start (longest first), so a text repeating a keyword thousands of times
 * costs no more than sorting.
 */
function mostSpecific<T extends { found: Found }>(candidates: T[]): T[] {
  const sorted = [...candidates].sort((a, b) => a.found.start - b.found.start || b.found.end - a.found.end);
  const kept: T[] = [];
  let endBeforeStart = -1; // furthest end among matches that start before the current one
  let groupStart = -1;
  let groupEnd = -1; // end of the longest match starting where the current one starts
  for (const candidate of sorted) {
    const { start, end } = candidate.found;
    if (start !== groupStart) {
      endBeforeStart = Math.max(endBeforeStart, groupEnd);
      groupStart = start;
      groupEnd = end;
    }
    if (endBeforeStart >= end || groupEnd > end) continue;
    kept.push(candidate);
  }
  return kept;
}

const COMPILED_KEYWORDS = POLICY_KEYWORDS.map((keyword) => ({
  keyword,
  pattern: compilePolicyPhrase(keyword.phrase),
}));
const COMPILED_ALLOWED = POLICY_ALLOWED_PHRASES.map((phrase) => compilePolicyPhrase(phrase));

/**
 * Every listed keyword found in the text, once per keyword, in order of appearance. A match inside
 * an allowed phrase ("bir pletok") is dropped, and so is a match inside a longer match ("judi"
 * within "judi online"), so the reviewer sees the most specific phrase.
 */
export function findPolicyMatches(text: string): PolicyMatch[] {
  const results: PolicyMatch[] = [];
  const seen = new Set<PolicyKeyword>();
  for (const view of matchingViews(text)) {
    const allowed = COMPILED_ALLOWED.flatMap((pattern) => findAll(pattern, view));
    const candidates = COMPILED_KEYWORDS.flatMap(({ keyword, pattern }) =>
      findAll(pattern, view)
        .filter((found) => !allowed.some((span) => contains(span, found)))
        .map((found) => ({ keyword, found })),
    );
    for (const { keyword, found } of mostSpecific(candidates)) {
      if (seen.has(keyword)) continue;
      seen.add(keyword);
      results.push({ keyword, matchedText: found.text });
    }
  }
  return results;
}
