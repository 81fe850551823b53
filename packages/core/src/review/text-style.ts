/**
 * Style checks on the headline and body text: shouting in capitals and walls of symbols or emoji.
 * They are quality warnings, not policy: the ad may be fine, it just reads worse.
 */
import type { PrescreenFlag } from "./flags.js";

export const TEXT_STYLE_LIMITS = {
  /** Shouting is judged only on texts with at least this many cased letters: "PROMO UMKM" is fine. */
  shoutingMinLetters: 10,
  /** Share of upper-case letters above which a text reads as shouting. */
  shoutingUpperShare: 0.5,
  /** This many "!" or "?" in a row reads as shouting too. */
  repeatedPunctuationRun: 3,
  maxEmoji: 3,
  /** Share of symbols (emoji aside) among the visible characters above which a text looks like spam. */
  symbolShare: 0.2,
  /** The symbol share is judged only on texts with at least this many visible characters. */
  symbolMinCharacters: 10,
} as const;

/**
 * One emoji as a reader sees it: a pictograph with its variation selector, skin tone and
 * zero-width-joined parts (a family is one emoji), a flag (two regional indicators), or a keycap.
 */
const EMOJI =
  /\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*)*/gu;
/** ©, ® and ™ are pictographs to Unicode but ordinary marks in a shop's text. */
const TRADEMARK_SIGNS = /^[\u00A9\u00AE\u2122]$/u;
/** Punctuation that normal sentences, prices, hashtags and phone numbers use; it is not "symbols". */
const ORDINARY_PUNCTUATION = new Set(
  Array.from(".,;:'\"()-/?!%&#@+\u2018\u2019\u201C\u201D\u2013\u2014\u2026"),
);

function emojiIn(text: string): string[] {
  return (text.match(EMOJI) ?? []).filter((emoji) => !TRADEMARK_SIGNS.test(emoji));
}

export function countEmoji(text: string): number {
  return emojiIn(text).length;
}

/** Share of upper-case among cased letters, and how many cased letters there are. */
function casedLetters(text: string): { upper: number; cased: number } {
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = text.match(/[\p{Ll}\p{Lt}]/gu)?.length ?? 0;
  return { upper, cased: upper + lower };
}

function symbolShare(text: string): { symbols: number; visible: number } {
  // Emoji have their own limit; counting them here too would flag a short headline with 3 emoji twice.
  const withoutEmoji = text.replace(EMOJI, (emoji) => (TRADEMARK_SIGNS.test(emoji) ? emoji : " "));
  let symbols = 0;
  let visible = 0;
  for (const char of withoutEmoji) {
    if (/[\s\p{M}\p{Cf}]/u.test(char)) continue;
    visible += 1;
    if (!/[\p{L}\p{N}]/u.test(char) && !ORDINARY_PUNCTUATION.has(char)) symbols += 1;
  }
  return { symbols, visible };
}

export function checkTextStyle(
  field: "headline" | "text" | "whatsappMessage",
  text: string,
): PrescreenFlag[] {
  const flags: PrescreenFlag[] = [];
  const folded = text.normalize("NFKC");

  const { upper, cased } = casedLetters(folded);
  if (cased >= TEXT_STYLE_LIMITS.shoutingMinLetters && upper / cased > TEXT_STYLE_LIMITS.shoutingUpperShare) {
    flags.push({
      code: "text_shouting",
      reason: null,
      severity: "warning",
      field,
      message: {
        id: "Lebih dari separuh huruf ditulis kapital, sehingga terkesan berteriak.",
        en: "More than half of the letters are capitals, which reads as shouting.",
      },
      howToFix: {
        id: "Tulis dengan huruf biasa. Pakai huruf kapital hanya di awal kalimat dan untuk nama merek.",
        en: "Write in normal sentence case. Keep capitals for the start of sentences and brand names.",
      },
    });
  }

  const repeated = folded.match(/[!?](?:\s*[!?]){2,}/u);
  if (repeated) {
    flags.push({
      code: "text_repeated_punctuation",
      reason: null,
      severity: "warning",
      field,
      match: repeated[0],
      message: {
        id: "Ada tiga atau lebih tanda seru atau tanda tanya berturut-turut.",
        en: "There are three or more exclamation or question marks in a row.",
      },
      howToFix: {
        id: "Satu tanda seru sudah cukup. Biarkan isi promonya yang menarik perhatian.",
        en: "One exclamation mark is enough. Let the offer itself catch the eye.",
      },
    });
  }

  const emoji = emojiIn(folded);
  if (emoji.length > TEXT_STYLE_LIMITS.maxEmoji) {
    flags.push({
      code: "text_too_many_emoji",
      reason: null,
      severity: "warning",
      field,
      match: emoji.join(""),
      message: {
        id: `Teks memakai ${emoji.length} emoji; batasnya ${TEXT_STYLE_LIMITS.maxEmoji}.`,
        en: `The text uses ${emoji.length} emoji; the limit is ${TEXT_STYLE_LIMITS.maxEmoji}.`,
      },
      howToFix: {
        id: "Pakai paling banyak 3 emoji yang benar-benar membantu, misalnya satu di awal judul.",
        en: "Use at most 3 emoji that really help, for example one at the start of the headline.",
      },
    });
  }

  const { symbols, visible } = symbolShare(folded);
  if (visible >= TEXT_STYLE_LIMITS.symbolMinCharacters && symbols / visible > TEXT_STYLE_LIMITS.symbolShare) {
    const percent = Math.round((symbols / visible) * 100);
    flags.push({
      code: "text_too_many_symbols",
      reason: null,
      severity: "warning",
      field,
      message: {
        id: `Sekitar ${percent}% isi teks berupa simbol; batasnya ${TEXT_STYLE_LIMITS.symbolShare * 100}%.`,
        en: `About ${percent}% of the text is symbols; the limit is ${TEXT_STYLE_LIMITS.symbolShare * 100}%.`,
      },
      howToFix: {
        id: 'Ganti simbol dengan kata-kata yang jelas, misalnya tulis "gratis ongkir" daripada "$$$ >>>".',
        en: 'Replace symbols with plain words, for example "free delivery" instead of "$$$ >>>".',
      },
    });
  }
  return flags;
}
