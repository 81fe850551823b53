CREATE TABLE "ad_daily_dimension_stats" (
	"ad_id" uuid NOT NULL,
	"day" date NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"campaign_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"conversions" bigint DEFAULT 0 NOT NULL,
	"video_completes" bigint DEFAULT 0 NOT NULL,
	"spend_micros" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ad_daily_dimension_stats_ad_id_day_dimension_value_pk" PRIMARY KEY("ad_id","day","dimension","value")
);
--> statement-breakpoint
CREATE TABLE "ad_daily_reach" (
	"ad_id" uuid NOT NULL,
	"day" date NOT NULL,
	"campaign_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"sketch" text NOT NULL,
	CONSTRAINT "ad_daily_reach_ad_id_day_pk" PRIMARY KEY("ad_id","day")
);
--> statement-breakpoint
CREATE TABLE "delivery_events" (
	"event_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"business_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"ad_id" uuid NOT NULL,
	"ad_version" integer NOT NULL,
	"viewer_id" text NOT NULL,
	"placement_id" text NOT NULL,
	"province" text,
	"city" text,
	"age_band" text,
	"gender" text,
	"device" text,
	"language" text,
	"invalid_reason" text,
	"cost_micros" bigint NOT NULL,
	CONSTRAINT "delivery_events_event_id_occurred_at_pk" PRIMARY KEY("event_id","occurred_at")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
CREATE INDEX "ad_daily_dimension_stats_business_idx" ON "ad_daily_dimension_stats" USING btree ("business_id","day","dimension");--> statement-breakpoint
CREATE INDEX "ad_daily_reach_business_idx" ON "ad_daily_reach" USING btree ("business_id","day");--> statement-breakpoint
CREATE INDEX "delivery_events_ad_idx" ON "delivery_events" USING btree ("ad_id","occurred_at");--> statement-breakpoint
-- Days without their own partition (far past or future clock skew) still land somewhere.
CREATE TABLE "delivery_events_default" PARTITION OF "delivery_events" DEFAULT;
--> statement-breakpoint
-- Creates the daily partition of `day` (and is a no-op when it exists): the worker calls it ahead of time.
CREATE FUNCTION ensure_delivery_events_partition(day date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := 'delivery_events_' || to_char(day, 'YYYYMMDD');
BEGIN
  IF to_regclass(name) IS NULL THEN
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF delivery_events FOR VALUES FROM (%L) TO (%L)',
      name, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC'
    );
  END IF;
END;
$$;
