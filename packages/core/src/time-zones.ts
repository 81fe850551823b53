/** The three Indonesian time zones a business may keep its days in (WIB, WITA, WIT). */
export const TIME_ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const;
export type TimeZone = (typeof TIME_ZONES)[number];
export const DEFAULT_TIME_ZONE: TimeZone = "Asia/Jakarta";
