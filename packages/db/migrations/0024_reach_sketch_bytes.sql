-- Reach sketches as bytes instead of base64 text, a third smaller: a cold report by campaign or by ad reads
-- thousands of them (33-45 MB of base64 for 90 days), and every reader decoded the base64 again.
-- Existing rows are converted in place.
ALTER TABLE "ad_daily_reach" ALTER COLUMN "sketch" SET DATA TYPE bytea USING decode("sketch", 'base64');--> statement-breakpoint
ALTER TABLE "scope_daily_reach" ALTER COLUMN "sketch" SET DATA TYPE bytea USING decode("sketch", 'base64');--> statement-breakpoint
ALTER TABLE "reach_block_sketches" ALTER COLUMN "sketch" SET DATA TYPE bytea USING decode("sketch", 'base64');
