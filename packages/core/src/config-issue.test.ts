import { describe, expect, it } from "vitest";
import { describeEnvIssue } from "./config-issue.js";

describe("describeEnvIssue", () => {
  it("says a missing variable is not set", () => {
    const line = describeEnvIssue({ path: ["DATABASE_URL"], code: "invalid_type", message: "Required" }, {});
    expect(line).toBe("invalid configuration: DATABASE_URL is not set");
  });

  it("names the variable and the rule it broke", () => {
    const line = describeEnvIssue(
      { path: ["PORT"], code: "too_big", message: "Too big: expected number to be <=65535" },
      { PORT: "70000" },
    );
    expect(line).toBe("invalid configuration: PORT Too big: expected number to be <=65535");
  });
});
