import { Problem } from "@sorot/contracts";

/**
 * Creator connect: creators keep a profile and answer briefs; businesses search the directory and
 * send briefs; admins handle reports. Kept apart from ad spend: nothing in this module reads or
 * writes the wallet, the ledger, campaigns or delivery. Its routes share these documentation parts.
 */
export const security = [{ bearerAuth: [] }];
export const tags = ["creators"];
export const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
