import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CITY_ALIASES } from "@sorot/core";
import { MIGRATIONS_FOLDER } from "@sorot/db";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { creatorWithProfile } from "./creator-helpers.js";
import { createBusinessFor, createCampaignFor, signUp, useTestApp } from "./helpers.js";

const t = useTestApp();

const MIGRATION = readFileSync(join(MIGRATIONS_FOLDER, "0014_city_codes.sql"), "utf8").split(
  "--> statement-breakpoint",
);

/** Runs migration 0014 as the migrator does: its statements in one transaction. */
async function migrate() {
  const client = new pg.Client({ connectionString: t.database.url });
  await client.connect();
  try {
    await client.query("begin");
    for (const statement of MIGRATION) await client.query(statement);
    await client.query("commit");
  } finally {
    await client.end();
  }
}

describe("migration 0014: city slugs become Kemendagri codes", () => {
  it("maps every stored slug to core's code, keeps codes and strangers, and changes nothing when rerun", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const campaign = await createCampaignFor(t.app, owner, business.id);
    const slugs = [...CITY_ALIASES.keys()];
    // As the api stored them before codes: slugs, with an unknown one and a code among them.
    const stored = [...slugs, "atlantis", "32.05"];
    await t.app.db.execute(
      sql`update campaigns set targeting = jsonb_set(targeting, '{cities}', ${JSON.stringify(stored)}::jsonb)
          where id = ${campaign.id}`,
    );
    const creator = await creatorWithProfile(t.app, { province: "ID-BA", city: "51.71" });
    await t.app.db.execute(sql`update creator_profiles set city = 'denpasar' where user_id = ${creator.id}`);

    await migrate();
    const read = async () => {
      const response = await t.app.inject({
        method: "GET",
        url: `/v1/businesses/${business.id}/campaigns/${campaign.id}`,
        headers: owner.auth,
      });
      return response.json().targeting.cities as string[];
    };
    const expected = [...slugs.map((slug) => CITY_ALIASES.get(slug)), "atlantis", "32.05"];
    expect(await read()).toEqual(expected);
    const profile = await t.app.inject({ method: "GET", url: "/v1/creator/profile", headers: creator.auth });
    expect(profile.json().city).toBe("51.71");

    await migrate();
    expect(await read()).toEqual(expected);
  });
});
