import { formatRupiah } from "../money.js";

/**
 * Values a problem's message names. Money is a decimal string of micro-rupiah in a key ending
 * `Micros`, as in the API's JSON, so a client formats it in its own language without a float.
 */
export type ProblemParams = Readonly<Record<string, string | number>>;

const rupiahOf = (micros: string) => formatRupiah(BigInt(micros));

const TARGETING_NOUNS: Readonly<Record<string, string>> = {
  provinces: "province code (ISO 3166-2:ID)",
  cities: "city",
  ageBands: "age band",
  genders: "gender",
  interests: "interest",
  devices: "device",
  languages: "language",
};

/**
 * Every rule's problem code with the English message API users read. Clients translate the code
 * with its params (the web app's i18n `problems.<CODE>`), so a code's params never change meaning.
 */
const FIELD_PROBLEM_MESSAGES = {
  AMOUNT_TOO_LARGE: (_: { maximumMicros: string }) => "is larger than any amount Sorot can hold",
  AMOUNT_BELOW_MINIMUM: (p: { minimumMicros: string }) => `must be at least ${rupiahOf(p.minimumMicros)}`,
  AMOUNT_ABOVE_MAXIMUM: (p: { maximumMicros: string }) => `must be at most ${rupiahOf(p.maximumMicros)}`,
  AMOUNT_NOT_POSITIVE: (_: Record<string, never>) => "must be more than zero",
  AMOUNT_NOT_WHOLE_RUPIAH: (_: Record<string, never>) => "must be a whole number of rupiah",
  WITHDRAWAL_ABOVE_WITHDRAWABLE: (p: { withdrawableMicros: string }) =>
    `is more than the ${rupiahOf(p.withdrawableMicros)} of cash you can withdraw now`,
  WITHDRAWAL_COMMITTED_TO_ADS: (_: Record<string, never>) =>
    "is more than the cash not committed to running ads",
  EXPIRY_NOT_IN_FUTURE: (_: Record<string, never>) => "must be in the future",
  BUDGET_BELOW_MINIMUM: (p: { minimumMicros: string }) =>
    `must be at least ${rupiahOf(p.minimumMicros)} a day`,
  LIFETIME_BUDGET_BELOW_MINIMUM: (p: { minimumMicros: string; days: number; dailyMinimumMicros: string }) =>
    `must be at least ${rupiahOf(p.minimumMicros)} for ${p.days} scheduled day${p.days === 1 ? "" : "s"} (${rupiahOf(p.dailyMinimumMicros)} a day)`,
  LIFETIME_END_REQUIRED: (_: Record<string, never>) => "is required for a lifetime budget",
  END_PASSED: (_: Record<string, never>) => "has already passed",
  END_BEFORE_START: (_: Record<string, never>) => "must be after the start",
  CLOSURE_END_BEFORE_START: (_: Record<string, never>) => "must be after its start",
  BID_REQUIRED: (_: Record<string, never>) => "is required for a manual bid",
  BID_BELOW_MINIMUM: (p: { minimumMicros: string; billingEvent: "cpm" | "cpc" }) =>
    `must be at least ${rupiahOf(p.minimumMicros)} ${p.billingEvent === "cpm" ? "per 1,000 impressions" : "per click"}`,
  BID_ABOVE_BUDGET: (_: { budgetMicros: string }) => "must not be more than the budget",
  TARGETING_UNKNOWN: (p: { list: string; value: string }) =>
    `is not a known ${TARGETING_NOUNS[p.list] ?? "code"}: ${p.value}`,
  TARGETING_REPEATED: (p: { value: string }) => `repeats ${p.value}`,
  CITY_OUTSIDE_PROVINCES: (p: { provinceCode: string }) =>
    `is in ${p.provinceCode}, which the province list leaves out`,
  CAMPAIGN_WITHOUT_ADS: (_: Record<string, never>) => "needs at least one ad",
  BALANCE_BELOW_ONE_DAY: (p: { neededMicros: string; availableMicros: string }) =>
    `is ${rupiahOf(p.availableMicros)}, less than one day of this budget (${rupiahOf(p.neededMicros)}): top up first`,
  WHATSAPP_NUMBER_MALFORMED: (_: Record<string, never>) =>
    "must be a phone number: digits, with spaces, dashes or a leading +",
  WHATSAPP_NUMBER_NOT_INDONESIAN: (_: Record<string, never>) =>
    "must be an Indonesian number (0812…, +62 812… or 62812…)",
  WHATSAPP_NUMBER_NOT_MOBILE: (_: Record<string, never>) =>
    "must be a mobile number (08…): WhatsApp does not run on landlines",
  WHATSAPP_NUMBER_LENGTH: (p: { minDigits: number; maxDigits: number }) =>
    `must have ${p.minDigits} to ${p.maxDigits} digits counting the leading 0`,
} as const;

export type FieldProblemCode = keyof typeof FIELD_PROBLEM_MESSAGES;
export const FIELD_PROBLEM_CODES = Object.keys(FIELD_PROBLEM_MESSAGES) as FieldProblemCode[];
export type FieldProblemParams<C extends FieldProblemCode> = Parameters<
  (typeof FIELD_PROBLEM_MESSAGES)[C]
>[0];

export function isFieldProblemCode(code: string): code is FieldProblemCode {
  return Object.hasOwn(FIELD_PROBLEM_MESSAGES, code);
}

/**
 * One thing wrong with an input, named by its dotted field path (`budget.amountMicros`,
 * `targeting.cities.0`) so the API can list it in a problem+json `errors[]` as it is.
 */
export interface FieldProblem {
  path: string;
  /** SCREAMING_SNAKE_CASE, stable: what clients branch on and translate. */
  code: FieldProblemCode;
  params: ProblemParams;
  /** English, for API users; clients in other languages build theirs from code and params. */
  message: string;
}

export function fieldProblem<C extends FieldProblemCode>(
  path: string,
  code: C,
  params: FieldProblemParams<C>,
): FieldProblem {
  const message = (FIELD_PROBLEM_MESSAGES[code] as (params: FieldProblemParams<C>) => string)(params);
  return { path, code, params, message };
}
