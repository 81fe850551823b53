export * from "./balance-changes.js";
export * from "./drift.js";
export * from "./payment-notifications.js";
export * from "./payment-provider.js";
export * from "./promo.js";
export * from "./spend.js";
export * from "./withdrawals.js";
