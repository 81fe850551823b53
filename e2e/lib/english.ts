/**
 * Words an English sentence is made of and Indonesian copy has no use for: articles, pronouns,
 * auxiliaries, prepositions and the verbs an interface's sentences lean on. Two different ones on
 * a line make it English. Left out on purpose: words Indonesian screens show as they are ("Back
 * to Business" is a promo preset's name; "up" is in "top-up"; "per" is Indonesian too).
 */
const ENGLISH_WORDS = new RegExp(
  `\\b(?:${[
    "a|an|the|this|that|these|those|it|its|there|their|they|them|we|our|us|you|your",
    "is|are|was|were|be|been|has|have|had|does|do|did|can|cannot|must|will|would|should|could",
    "not|no|yet|only|already|enough|too|than|least|most|more|less|nothing|twice|again|also|just|still",
    "of|to|in|on|at|by|for|from|with|without|into|out|over|under|after|before|until|while|as|off",
    "and|or|so|if|then|else|when|which|what|who|how|why|here|any|all|each|every|one|two|first|new|now|today",
    "please|sign|try|open|see|add|create|send|sent|show|shows|wrong|set|use|used|leave|keep|make|made",
    "get|ask|asks|need|needs|enter",
  ].join("|")})\\b`,
  "gi",
);

/**
 * Addresses say nothing about the language around them ("no-reply@sorot.id", "/b/…/wallet"), nor
 * do Indonesian abbreviations that look like English words ("a.n." atas nama, "No." nomor).
 */
const NOT_WORDS = /\S+@\S+|\bhttps?:\/\/\S+|(?:^|\s)\/\S+|\b(?:a\.n|no)\./gi;

/** The lines of a screen's text that read as English sentences. */
export function englishLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => {
      const words = line.replace(NOT_WORDS, " ").toLowerCase().match(ENGLISH_WORDS) ?? [];
      return new Set(words).size >= 2;
    });
}
