CREATE TABLE "ad_daily_reach_versions" (
	"business_id" uuid NOT NULL,
	"day" date NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "ad_daily_reach_versions_business_id_day_pk" PRIMARY KEY("business_id","day")
);
--> statement-breakpoint
CREATE TABLE "ad_daily_stats" (
	"ad_id" uuid NOT NULL,
	"day" date NOT NULL,
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
	CONSTRAINT "ad_daily_stats_ad_id_day_pk" PRIMARY KEY("ad_id","day")
);
--> statement-breakpoint
CREATE TABLE "campaign_daily_stats" (
	"campaign_id" uuid NOT NULL,
	"day" date NOT NULL,
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
	CONSTRAINT "campaign_daily_stats_campaign_id_day_pk" PRIMARY KEY("campaign_id","day")
);
--> statement-breakpoint
-- Reports read a business's days with index-only scans: the group keys and counters ride along.
CREATE INDEX "ad_daily_stats_report_idx" ON "ad_daily_stats" USING btree ("business_id","day")
	INCLUDE ("campaign_id","ad_id","impressions","clicks","video_starts","video_q25","video_q50","video_q75",
		"video_completes","conversions","invalid_events","spend_micros");--> statement-breakpoint
CREATE INDEX "campaign_daily_stats_report_idx" ON "campaign_daily_stats" USING btree ("business_id","day")
	INCLUDE ("campaign_id","impressions","clicks","video_starts","video_q25","video_q50","video_q75",
		"video_completes","conversions","invalid_events","spend_micros");--> statement-breakpoint
CREATE INDEX "ad_daily_dimension_stats_report_idx" ON "ad_daily_dimension_stats" USING btree ("business_id","dimension","day")
	INCLUDE ("value","campaign_id","ad_id","impressions","clicks","conversions","video_completes","spend_micros");--> statement-breakpoint
-- Adds one hourly row's counters (negative to take them away) to the local day of its business's
-- zone, per ad and per campaign. The business row is read FOR SHARE, so a concurrent change of time
-- zone (which rebuilds the days, below) waits for this transaction, or this one waits for it and
-- then sees the new zone.
CREATE FUNCTION ad_daily_stats_add(p_ad_id uuid, p_hour timestamptz, p_campaign_id uuid, p_business_id uuid,
	p_impressions bigint, p_clicks bigint, p_video_starts bigint, p_video_q25 bigint, p_video_q50 bigint,
	p_video_q75 bigint, p_video_completes bigint, p_conversions bigint, p_invalid_events bigint,
	p_spend_micros bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	zone text;
	local_day date;
BEGIN
	SELECT time_zone INTO zone FROM businesses WHERE id = p_business_id FOR SHARE;
	local_day := (p_hour AT TIME ZONE coalesce(zone, 'Asia/Jakarta'))::date;
	INSERT INTO ad_daily_stats AS d (ad_id, day, campaign_id, business_id, impressions, clicks, video_starts,
		video_q25, video_q50, video_q75, video_completes, conversions, invalid_events, spend_micros)
	VALUES (p_ad_id, local_day, p_campaign_id, p_business_id, p_impressions, p_clicks, p_video_starts, p_video_q25,
		p_video_q50, p_video_q75, p_video_completes, p_conversions, p_invalid_events, p_spend_micros)
	ON CONFLICT (ad_id, day) DO UPDATE SET
		impressions = d.impressions + excluded.impressions,
		clicks = d.clicks + excluded.clicks,
		video_starts = d.video_starts + excluded.video_starts,
		video_q25 = d.video_q25 + excluded.video_q25,
		video_q50 = d.video_q50 + excluded.video_q50,
		video_q75 = d.video_q75 + excluded.video_q75,
		video_completes = d.video_completes + excluded.video_completes,
		conversions = d.conversions + excluded.conversions,
		invalid_events = d.invalid_events + excluded.invalid_events,
		spend_micros = d.spend_micros + excluded.spend_micros;
	INSERT INTO campaign_daily_stats AS c (campaign_id, day, business_id, impressions, clicks, video_starts,
		video_q25, video_q50, video_q75, video_completes, conversions, invalid_events, spend_micros)
	VALUES (p_campaign_id, local_day, p_business_id, p_impressions, p_clicks, p_video_starts, p_video_q25,
		p_video_q50, p_video_q75, p_video_completes, p_conversions, p_invalid_events, p_spend_micros)
	ON CONFLICT (campaign_id, day) DO UPDATE SET
		impressions = c.impressions + excluded.impressions,
		clicks = c.clicks + excluded.clicks,
		video_starts = c.video_starts + excluded.video_starts,
		video_q25 = c.video_q25 + excluded.video_q25,
		video_q50 = c.video_q50 + excluded.video_q50,
		video_q75 = c.video_q75 + excluded.video_q75,
		video_completes = c.video_completes + excluded.video_completes,
		conversions = c.conversions + excluded.conversions,
		invalid_events = c.invalid_events + excluded.invalid_events,
		spend_micros = c.spend_micros + excluded.spend_micros;
END $$;--> statement-breakpoint
-- Keeps ad_daily_stats and campaign_daily_stats equal to ad_hourly_stats summed by local day, in
-- the writer's transaction.
CREATE FUNCTION ad_daily_stats_from_hourly() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.ad_id = OLD.ad_id AND NEW.hour = OLD.hour
		AND NEW.campaign_id = OLD.campaign_id AND NEW.business_id = OLD.business_id THEN
		-- The tally's upsert: one call with the differences.
		PERFORM ad_daily_stats_add(NEW.ad_id, NEW.hour, NEW.campaign_id, NEW.business_id,
			NEW.impressions - OLD.impressions, NEW.clicks - OLD.clicks, NEW.video_starts - OLD.video_starts,
			NEW.video_q25 - OLD.video_q25, NEW.video_q50 - OLD.video_q50, NEW.video_q75 - OLD.video_q75,
			NEW.video_completes - OLD.video_completes, NEW.conversions - OLD.conversions,
			NEW.invalid_events - OLD.invalid_events, NEW.spend_micros - OLD.spend_micros);
		RETURN NULL;
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		PERFORM ad_daily_stats_add(OLD.ad_id, OLD.hour, OLD.campaign_id, OLD.business_id,
			-OLD.impressions, -OLD.clicks, -OLD.video_starts, -OLD.video_q25, -OLD.video_q50, -OLD.video_q75,
			-OLD.video_completes, -OLD.conversions, -OLD.invalid_events, -OLD.spend_micros);
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM ad_daily_stats_add(NEW.ad_id, NEW.hour, NEW.campaign_id, NEW.business_id,
			NEW.impressions, NEW.clicks, NEW.video_starts, NEW.video_q25, NEW.video_q50, NEW.video_q75,
			NEW.video_completes, NEW.conversions, NEW.invalid_events, NEW.spend_micros);
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER ad_hourly_stats_to_daily AFTER INSERT OR UPDATE OR DELETE ON ad_hourly_stats
	FOR EACH ROW EXECUTE FUNCTION ad_daily_stats_from_hourly();--> statement-breakpoint
-- Builds the daily rollups of one business (all when null) from its hourly rows, in its zone.
CREATE FUNCTION ad_daily_stats_rebuild(p_business_id uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM ad_daily_stats WHERE p_business_id IS NULL OR business_id = p_business_id;
	DELETE FROM campaign_daily_stats WHERE p_business_id IS NULL OR business_id = p_business_id;
	INSERT INTO ad_daily_stats (ad_id, day, campaign_id, business_id, impressions, clicks, video_starts,
		video_q25, video_q50, video_q75, video_completes, conversions, invalid_events, spend_micros)
	SELECT h.ad_id, (h.hour AT TIME ZONE b.time_zone)::date, h.campaign_id, h.business_id, sum(h.impressions),
		sum(h.clicks), sum(h.video_starts), sum(h.video_q25), sum(h.video_q50), sum(h.video_q75),
		sum(h.video_completes), sum(h.conversions), sum(h.invalid_events), sum(h.spend_micros)
	FROM ad_hourly_stats h JOIN businesses b ON b.id = h.business_id
	WHERE p_business_id IS NULL OR h.business_id = p_business_id
	GROUP BY h.ad_id, (h.hour AT TIME ZONE b.time_zone)::date, h.campaign_id, h.business_id;
	INSERT INTO campaign_daily_stats (campaign_id, day, business_id, impressions, clicks, video_starts,
		video_q25, video_q50, video_q75, video_completes, conversions, invalid_events, spend_micros)
	SELECT campaign_id, day, business_id, sum(impressions), sum(clicks), sum(video_starts), sum(video_q25),
		sum(video_q50), sum(video_q75), sum(video_completes), sum(conversions), sum(invalid_events), sum(spend_micros)
	FROM ad_daily_stats
	WHERE p_business_id IS NULL OR business_id = p_business_id
	GROUP BY campaign_id, day, business_id;
END $$;--> statement-breakpoint
-- Local days move when the business changes its time zone: rebuild its days from the hourly rows.
CREATE FUNCTION ad_daily_stats_rezone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ad_daily_stats_rebuild(NEW.id);
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER businesses_time_zone_to_daily AFTER UPDATE OF time_zone ON businesses
	FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION ad_daily_stats_rezone();--> statement-breakpoint
-- The days of the hourly rows written before this migration.
SELECT ad_daily_stats_rebuild(NULL);--> statement-breakpoint
-- Raises the version of every (business, day) whose sketches a statement wrote: the tally upserts
-- sketches with INSERT ... ON CONFLICT DO UPDATE, which fires both the insert and update triggers.
CREATE FUNCTION ad_daily_reach_bump_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ad_daily_reach_versions AS v (business_id, day, version)
	SELECT DISTINCT business_id, day, 1 FROM changed_sketches
	ON CONFLICT (business_id, day) DO UPDATE SET version = v.version + 1;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER ad_daily_reach_inserted AFTER INSERT ON ad_daily_reach
	REFERENCING NEW TABLE AS changed_sketches FOR EACH STATEMENT EXECUTE FUNCTION ad_daily_reach_bump_versions();--> statement-breakpoint
CREATE TRIGGER ad_daily_reach_updated AFTER UPDATE ON ad_daily_reach
	REFERENCING NEW TABLE AS changed_sketches FOR EACH STATEMENT EXECUTE FUNCTION ad_daily_reach_bump_versions();--> statement-breakpoint
CREATE TRIGGER ad_daily_reach_deleted AFTER DELETE ON ad_daily_reach
	REFERENCING OLD TABLE AS changed_sketches FOR EACH STATEMENT EXECUTE FUNCTION ad_daily_reach_bump_versions();--> statement-breakpoint
INSERT INTO ad_daily_reach_versions (business_id, day, version)
SELECT DISTINCT business_id, day, 1 FROM ad_daily_reach;
