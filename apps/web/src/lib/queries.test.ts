import { partialMatchKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { apiPath } from "./api";
import { apiKey } from "./queries";

describe("apiKey", () => {
  it("is the path's segments, decoded, then its query string", () => {
    expect(apiKey(apiPath`/v1/businesses/${"a b"}/campaigns?status=active&limit=25`)).toEqual([
      "v1",
      "businesses",
      "a b",
      "campaigns",
      "status=active&limit=25",
    ]);
  });

  it("nests as the API does, so invalidating a prefix reaches the views below it", () => {
    const campaigns = apiKey("/v1/businesses/b1/campaigns");
    expect(partialMatchKey(apiKey("/v1/businesses/b1/campaigns/c1/ads"), campaigns)).toBe(true);
    expect(partialMatchKey(apiKey("/v1/businesses/b1/campaigns?limit=25"), campaigns)).toBe(true);
    expect(partialMatchKey(apiKey("/v1/businesses/b2/campaigns/c1"), campaigns)).toBe(false);
    expect(partialMatchKey(apiKey("/v1/businesses/b1/wallet"), campaigns)).toBe(false);
  });
});
