CREATE TABLE "creator_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"sender_user_id" uuid,
	"sender_side" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creator_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"handle" text NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"niches" text[] DEFAULT '{}' NOT NULL,
	"province" text NOT NULL,
	"city" text,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"audience" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"starting_rate_micros" bigint,
	"sample_links" text[] DEFAULT '{}' NOT NULL,
	"contact" jsonb NOT NULL,
	"accepts_requests" boolean DEFAULT true NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"suspended_at" timestamp with time zone,
	"suspension_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creator_profiles_rate_not_negative" CHECK ("creator_profiles"."starting_rate_micros" >= 0),
	CONSTRAINT "creator_profiles_handle_lower" CHECK ("creator_profiles"."handle" = lower("creator_profiles"."handle"))
);
--> statement-breakpoint
CREATE TABLE "creator_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reporter_user_id" uuid,
	"reporter_side" text NOT NULL,
	"target" text NOT NULL,
	"creator_user_id" uuid NOT NULL,
	"business_id" uuid,
	"request_id" uuid,
	"message_id" bigint,
	"reason" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creator_reports_status_valid" CHECK ("creator_reports"."status" in ('open', 'actioned', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "creator_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"creator_user_id" uuid NOT NULL,
	"sent_by" uuid,
	"product" text NOT NULL,
	"wanted" text NOT NULL,
	"timeline" text NOT NULL,
	"budget_min_micros" bigint NOT NULL,
	"budget_max_micros" bigint NOT NULL,
	"link" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"business_contact" jsonb NOT NULL,
	"creator_contact" jsonb,
	"decision_note" text,
	"accepted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creator_requests_status_valid" CHECK ("creator_requests"."status" in ('pending', 'accepted', 'declined', 'closed')),
	CONSTRAINT "creator_requests_budget_range" CHECK ("creator_requests"."budget_min_micros" >= 0 and "creator_requests"."budget_min_micros" <= "creator_requests"."budget_max_micros"),
	CONSTRAINT "creator_requests_contact_after_acceptance" CHECK (("creator_requests"."accepted_at" is null) = ("creator_requests"."creator_contact" is null))
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_valid";--> statement-breakpoint
ALTER TABLE "creator_messages" ADD CONSTRAINT "creator_messages_request_id_creator_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."creator_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_messages" ADD CONSTRAINT "creator_messages_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_profiles" ADD CONSTRAINT "creator_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_reports" ADD CONSTRAINT "creator_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_reports" ADD CONSTRAINT "creator_reports_creator_user_id_creator_profiles_user_id_fk" FOREIGN KEY ("creator_user_id") REFERENCES "public"."creator_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_reports" ADD CONSTRAINT "creator_reports_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_reports" ADD CONSTRAINT "creator_reports_request_id_creator_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."creator_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_reports" ADD CONSTRAINT "creator_reports_message_id_creator_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."creator_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_reports" ADD CONSTRAINT "creator_reports_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_requests" ADD CONSTRAINT "creator_requests_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_requests" ADD CONSTRAINT "creator_requests_creator_user_id_creator_profiles_user_id_fk" FOREIGN KEY ("creator_user_id") REFERENCES "public"."creator_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_requests" ADD CONSTRAINT "creator_requests_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creator_messages_request_idx" ON "creator_messages" USING btree ("request_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "creator_profiles_handle_key" ON "creator_profiles" USING btree ("handle");--> statement-breakpoint
CREATE INDEX "creator_profiles_directory_idx" ON "creator_profiles" USING btree ("created_at","user_id");--> statement-breakpoint
CREATE INDEX "creator_reports_status_idx" ON "creator_reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "creator_requests_business_idx" ON "creator_requests" USING btree ("business_id","created_at");--> statement-breakpoint
CREATE INDEX "creator_requests_creator_idx" ON "creator_requests" USING btree ("creator_user_id","created_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_valid" CHECK ("users"."role" in ('owner', 'admin', 'creator'));