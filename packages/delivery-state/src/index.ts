export * from "./changes.js";
export * from "./connection.js";
export * from "./keys.js";
export * from "./lua.js";
export * from "./scripts.js";
export * from "./shards.js";
export * from "./streams.js";
