import type { problemMessagesId } from "./problems.id";

/** The API's field problem codes in English (see problems.id.ts). */
export const problemMessagesEn: typeof problemMessagesId = {
  problems: {
    AMOUNT_TOO_LARGE: "This amount is too large.",
    AMOUNT_BELOW_MINIMUM: "At least {{minimumMicros}}.",
    AMOUNT_ABOVE_MAXIMUM: "At most {{maximumMicros}}.",
    AMOUNT_NOT_POSITIVE: "The amount must be more than zero.",
    AMOUNT_NOT_WHOLE_RUPIAH: "The amount must be whole rupiah.",
    WITHDRAWAL_ABOVE_WITHDRAWABLE: "More than the cash you can withdraw now ({{withdrawableMicros}}).",
    WITHDRAWAL_COMMITTED_TO_ADS: "Part of this cash is committed to running ads. Try a smaller amount.",
    EXPIRY_NOT_IN_FUTURE: "The expiry date must be in the future.",
    BUDGET_BELOW_MINIMUM: "At least {{minimumMicros}} a day.",
    LIFETIME_BUDGET_BELOW_MINIMUM:
      "At least {{minimumMicros}} for {{days}} scheduled days ({{dailyMinimumMicros}} a day).",
    LIFETIME_END_REQUIRED: "A total budget needs an end date.",
    END_PASSED: "This end time has already passed.",
    END_BEFORE_START: "The end must be after the start.",
    CLOSURE_END_BEFORE_START: "A closure must end after it starts.",
    BID_REQUIRED: "Enter a bid for manual bidding.",
    BID_BELOW_MINIMUM: "At least {{minimumMicros}}.",
    BID_BELOW_MINIMUM_cpm: "At least {{minimumMicros}} per 1,000 impressions.",
    BID_BELOW_MINIMUM_cpc: "At least {{minimumMicros}} per click.",
    BID_ABOVE_BUDGET: "The bid cannot be more than the budget.",
    TARGETING_UNKNOWN: "{{value}} is not a known option.",
    TARGETING_REPEATED: "{{value}} is chosen twice.",
    CITY_OUTSIDE_PROVINCES: "This city is in {{provinceCode}}, which the chosen provinces leave out.",
    NOTHING_TO_CHANGE: "Nothing would change.",
    UNSTORABLE_TEXT: "This text holds a character that cannot be stored. Remove it and try again.",
  },
};
