import { insertNotification } from "@sorot/db";
import { describe, expect, it } from "vitest";
import { createBusinessFor, signUp, useTestApp } from "./helpers.js";

const t = useTestApp();

describe("the owner's inbox", () => {
  it("pages notifications newest first with the unread count, and marks them read", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    for (const key of ["first", "second", "third"]) {
      await insertNotification(t.app.db, {
        businessId: business.id,
        kind: "campaign_started",
        payload: { campaignName: key },
        dedupeKey: `inbox-${business.id}-${key}`,
      });
    }
    const url = `/v1/businesses/${business.id}/notifications`;
    const first = await t.app.inject({ method: "GET", url: `${url}?limit=2`, headers: owner.auth });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ unread: 3 });
    expect(first.json().items).toHaveLength(2);
    const rest = await t.app.inject({
      method: "GET",
      url: `${url}?limit=2&cursor=${first.json().nextCursor}`,
      headers: owner.auth,
    });
    const names = [...first.json().items, ...rest.json().items].map(
      (item: { payload: { campaignName: string } }) => item.payload.campaignName,
    );
    expect(names.sort()).toEqual(["first", "second", "third"]);
    expect(rest.json().nextCursor).toBeNull();

    const one = await t.app.inject({
      method: "POST",
      url: `${url}/read`,
      headers: owner.auth,
      payload: { ids: [first.json().items[0].id] },
    });
    expect(one.json()).toEqual({ unread: 2 });
    const all = await t.app.inject({ method: "POST", url: `${url}/read`, headers: owner.auth, payload: {} });
    expect(all.json()).toEqual({ unread: 0 });
  });
});
