import type { problemMessagesId } from "./problems.id";

/** The API's field problem codes in English (see problems.id.ts). */
export const problemMessagesEn: typeof problemMessagesId = {
  problems: {
    AMOUNT_TOO_LARGE: "This amount is too large.",
    AMOUNT_BELOW_MINIMUM: "At least {{minimumMicros}}.",
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
  },
};
