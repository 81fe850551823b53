export * from "./client.js";
export * from "./migrate.js";
export * from "./passwords.js";
export * from "./queries/audit.js";
export * from "./queries/businesses.js";
export * from "./queries/users.js";
export * as schema from "./schema/index.js";
export * from "./seed.js";
