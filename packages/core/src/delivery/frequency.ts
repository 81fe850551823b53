/**
 * At most 3 impressions of one campaign per viewer per local day: past that, another showing costs
 * the owner money and annoys the viewer more than it persuades. The counter lives under
 * `deliveryKeys.frequency`, keyed by the business's local date so it resets with the daily budget.
 */
export const FREQUENCY_CAP_PER_DAY = 3;
