-- Per-campaign and per-business day sketches beside the per-ad ones. No version trigger of their
-- own: the tally writes them in the same transaction as the per-ad sketches of the same days, whose
-- trigger raises the day's version, and the start-up backfill writes the union the per-ad sketches
-- already hold, so a merge kept under the current version stays right. HyperLogLog merges need
-- Redis, so the backfill is the worker's start-up step, not SQL here.
CREATE TABLE "scope_daily_reach" (
	"scope_id" uuid NOT NULL,
	"day" date NOT NULL,
	"campaign_id" uuid,
	"business_id" uuid NOT NULL,
	"sketch" text NOT NULL,
	CONSTRAINT "scope_daily_reach_scope_id_day_pk" PRIMARY KEY("scope_id","day")
);
--> statement-breakpoint
CREATE INDEX "scope_daily_reach_business_idx" ON "scope_daily_reach" USING btree ("business_id","day");