ALTER TABLE "topups" ADD COLUMN "status_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "review_flag" text;--> statement-breakpoint
CREATE INDEX "topups_review_flag_idx" ON "topups" USING btree ("created_at") WHERE "topups"."review_flag" is not null;