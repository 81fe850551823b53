ALTER TABLE "topups" DROP CONSTRAINT "topups_status_valid";--> statement-breakpoint
DROP INDEX "topups_pending_expiry_idx";--> statement-breakpoint
ALTER TABLE "topups" ALTER COLUMN "status" SET DEFAULT 'charge_pending';--> statement-breakpoint
CREATE INDEX "topups_open_expiry_idx" ON "topups" USING btree ("expires_at") WHERE "topups"."status" in ('charge_pending', 'pending');--> statement-breakpoint
ALTER TABLE "topups" ADD CONSTRAINT "topups_status_valid" CHECK ("topups"."status" in ('charge_pending', 'pending', 'paid', 'failed', 'expired'));