/**
 * Click-to-WhatsApp destinations. A viewer who taps such an ad lands in a WhatsApp chat with the
 * business, the message already typed; Sorot sees the tap, never what happens in the chat after it.
 */
import { type FieldProblem, fieldProblem } from "../campaigns/problems.js";

/** Indonesia's country calling code: WhatsApp's links want it in front of the national number. */
const COUNTRY_CODE = "62";
/**
 * Indonesian mobile numbers are 8 followed by 8 to 11 digits (0812-345-678 up to 0812-3456-78901);
 * WhatsApp accounts live on mobile numbers, so a landline (021…) is refused.
 */
export const WHATSAPP_NATIONAL_DIGITS = { min: 9, max: 12 } as const;

export type WhatsappNumberResult = { ok: true; phone: string } | { ok: false; problem: FieldProblem };

/**
 * `0812-3456-7890`, `+62 812 3456 7890`, `62812…` (and `+62 0812…`, a common hybrid) all become
 * `6281234567890`: digits only, country code first, as wa.me wants them.
 */
export function normaliseWhatsappNumber(input: string, path = "phone"): WhatsappNumberResult {
  const typed = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(typed) || !/\d/.test(typed))
    return { ok: false, problem: fieldProblem(path, "WHATSAPP_NUMBER_MALFORMED", {}) };
  const digits = typed.replace(/\D/g, "");
  let national: string;
  if (typed.startsWith("+")) {
    if (!digits.startsWith(COUNTRY_CODE))
      return { ok: false, problem: fieldProblem(path, "WHATSAPP_NUMBER_NOT_INDONESIAN", {}) };
    national = digits.slice(COUNTRY_CODE.length).replace(/^0/, "");
  } else if (digits.startsWith("0")) national = digits.slice(1);
  else if (digits.startsWith(COUNTRY_CODE)) national = digits.slice(COUNTRY_CODE.length).replace(/^0/, "");
  else if (digits.startsWith("8")) national = digits;
  else return { ok: false, problem: fieldProblem(path, "WHATSAPP_NUMBER_NOT_INDONESIAN", {}) };
  if (!national.startsWith("8"))
    return { ok: false, problem: fieldProblem(path, "WHATSAPP_NUMBER_NOT_MOBILE", {}) };
  if (national.length < WHATSAPP_NATIONAL_DIGITS.min || national.length > WHATSAPP_NATIONAL_DIGITS.max)
    return {
      ok: false,
      problem: fieldProblem(path, "WHATSAPP_NUMBER_LENGTH", {
        minDigits: WHATSAPP_NATIONAL_DIGITS.min + 1,
        maxDigits: WHATSAPP_NATIONAL_DIGITS.max + 1,
      }),
    };
  return { ok: true, phone: `${COUNTRY_CODE}${national}` };
}

/** The chat link a tap opens; an empty message opens the chat with nothing typed. */
export function whatsappLink(phone: string, message: string): string {
  const base = `https://wa.me/${phone}`;
  return message === "" ? base : `${base}?text=${encodeURIComponent(message)}`;
}

/** A normalised number as people read it: `6281234567890` -> `+62 812-3456-7890`. */
export function formatWhatsappNumber(phone: string): string {
  const national = phone.startsWith(COUNTRY_CODE) ? phone.slice(COUNTRY_CODE.length) : phone;
  const groups = [national.slice(0, 3), national.slice(3, 7), national.slice(7)].filter(Boolean);
  return `+${COUNTRY_CODE} ${groups.join("-")}`;
}

/** Where a tap on an ad goes, as stored and shown (contracts' AdDestination once parsed). */
export type AdDestinationValue =
  | { type: "web"; url: string }
  | { type: "whatsapp"; phone: string; message: string };

/** The address a tap opens: the page itself, or the wa.me chat link with the message typed in. */
export function destinationLink(destination: AdDestinationValue): string {
  return destination.type === "web" ? destination.url : whatsappLink(destination.phone, destination.message);
}
