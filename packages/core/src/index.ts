export * from "./config-issue.js";
export * from "./money.js";
export * from "./passwords.js";
export * from "./permissions.js";
export * from "./time-zones.js";
export * from "./wallet.js";
