-- Blocks of 4 to 64 days of reach sketches per ad and per campaign, merged from the day sketches by
-- the worker's reach-blocks job (Redis merges them: PostgreSQL cannot read the HyperLogLog
-- encoding), so a long report by campaign or by ad loads a few sketches per row instead of one per
-- day. reach_blocks records each block's day versions at build time: a block whose days changed
-- since is not used, and is rebuilt by the next run.
CREATE TABLE "reach_block_sketches" (
	"scope_id" uuid NOT NULL,
	"start" date NOT NULL,
	"span_days" integer NOT NULL,
	"scope_level" text NOT NULL,
	"campaign_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"sketch" text NOT NULL,
	CONSTRAINT "reach_block_sketches_scope_id_start_span_days_pk" PRIMARY KEY("scope_id","start","span_days")
);
--> statement-breakpoint
CREATE TABLE "reach_blocks" (
	"business_id" uuid NOT NULL,
	"start" date NOT NULL,
	"span_days" integer NOT NULL,
	"day_versions" bigint NOT NULL,
	CONSTRAINT "reach_blocks_business_id_start_span_days_pk" PRIMARY KEY("business_id","start","span_days")
);
--> statement-breakpoint
CREATE INDEX "reach_block_sketches_business_idx" ON "reach_block_sketches" USING btree ("business_id","start","span_days");