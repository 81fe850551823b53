CREATE TABLE "receipt_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last_number" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX "topups_receipt_number_key";--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "billing_address" text;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "receipt_year" integer;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "receipt_billing" jsonb;--> statement-breakpoint
-- Receipts issued from the old global sequence keep their numbers, filed under the year they were
-- paid in; each year's counter continues after its highest number.
UPDATE "topups" SET "receipt_year" = extract(year from "paid_at" at time zone 'Asia/Jakarta')::integer WHERE "receipt_number" IS NOT NULL;--> statement-breakpoint
INSERT INTO "receipt_counters" ("year", "last_number") SELECT "receipt_year", max("receipt_number") FROM "topups" WHERE "receipt_year" IS NOT NULL GROUP BY "receipt_year";--> statement-breakpoint
CREATE UNIQUE INDEX "topups_receipt_number_key" ON "topups" USING btree ("receipt_year","receipt_number");--> statement-breakpoint
DROP SEQUENCE "public"."receipt_number_seq";