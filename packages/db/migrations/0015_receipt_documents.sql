CREATE TABLE "receipt_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"number" bigint NOT NULL,
	"period" text,
	"corrects_topup_id" uuid,
	"corrects_document_id" uuid,
	"reason" text,
	"note" text,
	"issuer" jsonb NOT NULL,
	"billing" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipt_documents_kind_shape" CHECK (("receipt_documents"."kind" = 'monthly' and "receipt_documents"."period" is not null and "receipt_documents"."reason" is null and "receipt_documents"."corrects_topup_id" is null and "receipt_documents"."corrects_document_id" is null) or ("receipt_documents"."kind" = 'correction' and "receipt_documents"."reason" is not null and num_nonnulls("receipt_documents"."corrects_topup_id", "receipt_documents"."corrects_document_id") = 1))
);
--> statement-breakpoint
-- Every receipt numbered so far is a top-up receipt: its year's counter becomes the SRT series'.
ALTER TABLE "receipt_counters" ADD COLUMN "series" text DEFAULT 'SRT' NOT NULL;--> statement-breakpoint
ALTER TABLE "receipt_counters" DROP CONSTRAINT "receipt_counters_pkey";--> statement-breakpoint
ALTER TABLE "receipt_counters" ADD CONSTRAINT "receipt_counters_series_year_pk" PRIMARY KEY("series","year");--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "review_decision" text;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "review_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "review_decided_by" uuid;--> statement-breakpoint
ALTER TABLE "topups" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "receipt_documents" ADD CONSTRAINT "receipt_documents_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_documents" ADD CONSTRAINT "receipt_documents_corrects_topup_id_topups_id_fk" FOREIGN KEY ("corrects_topup_id") REFERENCES "public"."topups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_documents" ADD CONSTRAINT "receipt_documents_corrects_document_id_receipt_documents_id_fk" FOREIGN KEY ("corrects_document_id") REFERENCES "public"."receipt_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_documents" ADD CONSTRAINT "receipt_documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "receipt_documents_number_key" ON "receipt_documents" USING btree ("series","year","number");--> statement-breakpoint
CREATE UNIQUE INDEX "receipt_documents_monthly_key" ON "receipt_documents" USING btree ("business_id","period") WHERE "receipt_documents"."kind" = 'monthly';--> statement-breakpoint
CREATE UNIQUE INDEX "receipt_documents_corrects_topup_key" ON "receipt_documents" USING btree ("corrects_topup_id");--> statement-breakpoint
CREATE UNIQUE INDEX "receipt_documents_corrects_document_key" ON "receipt_documents" USING btree ("corrects_document_id");--> statement-breakpoint
CREATE INDEX "receipt_documents_business_idx" ON "receipt_documents" USING btree ("business_id","issued_at");--> statement-breakpoint
ALTER TABLE "topups" ADD CONSTRAINT "topups_review_decided_by_users_id_fk" FOREIGN KEY ("review_decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topups" ADD CONSTRAINT "topups_decision_needs_flag" CHECK ("topups"."review_decision" is null or "topups"."review_flag" is not null);