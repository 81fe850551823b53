export * from "./accounts.js";
export * from "./audit.js";
export * from "./campaigns.js";
export * from "./creators.js";
export * from "./delivery.js";
export * from "./reviews.js";
export * from "./wallet.js";
