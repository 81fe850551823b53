export * from "./config-issue.js";
export * from "./money.js";
export * from "./time-zones.js";
