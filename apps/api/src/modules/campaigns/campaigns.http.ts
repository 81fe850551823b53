/** The documentation parts and access rules the campaign routes share. */
export const security = [{ bearerAuth: [] }];
export const tags = ["campaigns"];
export const base = "/v1/businesses/:businessId/campaigns";
export const write = { access: "business", permission: "campaigns.write" } as const;
export const read = { access: "business", permission: "business.read" } as const;
