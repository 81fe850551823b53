import { describe, expect, it } from "vitest";
import { csvPathIn } from "./use-csv-download";

describe("csvPathIn", () => {
  it("adds the chosen form to the export's own filters, replacing any it had", () => {
    expect(csvPathIn("/v1/businesses/b/audit", "excel-id")).toBe("/v1/businesses/b/audit?format=excel-id");
    expect(csvPathIn("/v1/businesses/b/ledger?kind=spend&spend=daily", "standard")).toBe(
      "/v1/businesses/b/ledger?kind=spend&spend=daily&format=standard",
    );
    expect(csvPathIn("/v1/x?format=standard&from=2026-12-01", "excel-id")).toBe(
      "/v1/x?format=excel-id&from=2026-12-01",
    );
  });
});
