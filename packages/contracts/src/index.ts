export * from "./accounts.js";
export * from "./ads.js";
export * from "./campaigns.js";
export * from "./common.js";
export * from "./creators.js";
export * from "./reports.js";
export * from "./reviews.js";
export * from "./wallet.js";
