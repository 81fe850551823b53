CREATE TABLE "ad_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ad_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"asset_id" uuid NOT NULL,
	"headline" text NOT NULL,
	"text" text NOT NULL,
	"call_to_action" text NOT NULL,
	"landing_url" text NOT NULL,
	"review_status" text DEFAULT 'draft' NOT NULL,
	"prescreen_flags" jsonb,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ad_versions_review_status_valid" CHECK ("ad_versions"."review_status" in ('draft', 'in_review', 'approved', 'rejected', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "ads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"name" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"approved_version" integer,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" bigint NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"duration_ms" integer,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"original_name" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_kind_valid" CHECK ("assets"."kind" in ('image', 'video')),
	CONSTRAINT "assets_video_has_duration" CHECK (("assets"."kind" = 'video') = ("assets"."duration_ms" is not null))
);
--> statement-breakpoint
CREATE TABLE "budget_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"from_micros" bigint NOT NULL,
	"to_micros" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"name" text NOT NULL,
	"objective" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"budget_type" text NOT NULL,
	"budget_micros" bigint NOT NULL,
	"start_at" timestamp with time zone,
	"end_at" timestamp with time zone,
	"dayparting" jsonb,
	"closures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"billing_event" text NOT NULL,
	"bid_strategy" text DEFAULT 'manual' NOT NULL,
	"bid_micros" bigint,
	"pacing" text DEFAULT 'standard' NOT NULL,
	"targeting" jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_status_valid" CHECK ("campaigns"."status" in ('draft', 'scheduled', 'active', 'paused', 'out_of_budget', 'out_of_funds', 'completed', 'archived')),
	CONSTRAINT "campaigns_budget_positive" CHECK ("campaigns"."budget_micros" > 0),
	CONSTRAINT "campaigns_lifetime_has_end" CHECK ("campaigns"."budget_type" = 'daily' or "campaigns"."end_at" is not null),
	CONSTRAINT "campaigns_end_after_start" CHECK ("campaigns"."end_at" is null or "campaigns"."start_at" is null or "campaigns"."end_at" > "campaigns"."start_at"),
	CONSTRAINT "campaigns_manual_bid_set" CHECK ("campaigns"."bid_strategy" = 'lowest_cost' or ("campaigns"."bid_micros" is not null and "campaigns"."bid_micros" > 0))
);
--> statement-breakpoint
CREATE TABLE "ad_hourly_stats" (
	"ad_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"campaign_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"video_starts" bigint DEFAULT 0 NOT NULL,
	"video_q25" bigint DEFAULT 0 NOT NULL,
	"video_q50" bigint DEFAULT 0 NOT NULL,
	"video_q75" bigint DEFAULT 0 NOT NULL,
	"video_completes" bigint DEFAULT 0 NOT NULL,
	"conversions" bigint DEFAULT 0 NOT NULL,
	"invalid_events" bigint DEFAULT 0 NOT NULL,
	"spend_micros" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ad_hourly_stats_ad_id_hour_pk" PRIMARY KEY("ad_id","hour")
);
--> statement-breakpoint
ALTER TABLE "ad_versions" ADD CONSTRAINT "ad_versions_ad_id_ads_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_versions" ADD CONSTRAINT "ad_versions_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_versions" ADD CONSTRAINT "ad_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ads" ADD CONSTRAINT "ads_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ads" ADD CONSTRAINT "ads_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_change_requests" ADD CONSTRAINT "budget_change_requests_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_change_requests" ADD CONSTRAINT "budget_change_requests_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_change_requests" ADD CONSTRAINT "budget_change_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_change_requests" ADD CONSTRAINT "budget_change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_hourly_stats" ADD CONSTRAINT "ad_hourly_stats_ad_id_ads_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ads"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_hourly_stats" ADD CONSTRAINT "ad_hourly_stats_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_hourly_stats" ADD CONSTRAINT "ad_hourly_stats_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ad_versions_ad_version_key" ON "ad_versions" USING btree ("ad_id","version");--> statement-breakpoint
CREATE INDEX "ad_versions_review_queue_idx" ON "ad_versions" USING btree ("submitted_at") WHERE "ad_versions"."review_status" = 'in_review';--> statement-breakpoint
CREATE INDEX "ads_campaign_idx" ON "ads" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "ads_business_idx" ON "ads" USING btree ("business_id");--> statement-breakpoint
CREATE INDEX "assets_business_idx" ON "assets" USING btree ("business_id","created_at");--> statement-breakpoint
CREATE INDEX "budget_change_requests_campaign_idx" ON "budget_change_requests" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_change_requests_one_pending" ON "budget_change_requests" USING btree ("campaign_id") WHERE "budget_change_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "campaigns_business_idx" ON "campaigns" USING btree ("business_id","created_at");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status");--> statement-breakpoint
CREATE INDEX "ad_hourly_stats_campaign_idx" ON "ad_hourly_stats" USING btree ("campaign_id","hour");--> statement-breakpoint
CREATE INDEX "ad_hourly_stats_business_idx" ON "ad_hourly_stats" USING btree ("business_id","hour");