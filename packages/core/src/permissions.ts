/**
 * What each member role of a business may do. Owners run everything; operators build and run
 * campaigns and reach creators, but neither move money nor raise budgets alone; analysts only read.
 */
export const MEMBER_ROLES = ["owner", "operator", "analyst"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const PERMISSIONS = [
  "business.read",
  "business.manage",
  "members.manage",
  "audit.read",
  "money.move",
  "campaigns.write",
  "budget.raise",
  "creators.connect",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<MemberRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  operator: ["business.read", "campaigns.write", "creators.connect"],
  analyst: ["business.read"],
};

export function can(role: MemberRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
