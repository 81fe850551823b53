import { describe, expect, it } from "vitest";
import { can, MEMBER_ROLES, PERMISSIONS } from "./permissions.js";

describe("member permissions", () => {
  it("lets owners do everything", () => {
    for (const permission of PERMISSIONS) expect(can("owner", permission)).toBe(true);
  });

  it("keeps operators away from money, members and budget raises", () => {
    expect(can("operator", "campaigns.write")).toBe(true);
    expect(can("operator", "money.move")).toBe(false);
    expect(can("operator", "budget.raise")).toBe(false);
    expect(can("operator", "members.manage")).toBe(false);
  });

  it("lets analysts only read", () => {
    const granted = PERMISSIONS.filter((permission) => can("analyst", permission));
    expect(granted).toEqual(["business.read"]);
  });

  it("lets every role read its business", () => {
    for (const role of MEMBER_ROLES) expect(can(role, "business.read")).toBe(true);
  });
});
