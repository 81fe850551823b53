-- The daily-by-dimension rollup had two indexes led by business_id: the report reads it through
-- report_idx (business, dimension, day) only, and every tally upsert wrote both (no HOT update: the
-- report index carries the counters), so one is dropped.
DROP INDEX "ad_daily_dimension_stats_business_idx";--> statement-breakpoint
-- The hourly-to-daily rollup trigger, once per statement instead of once per row: a tally batch
-- with thousands of paying businesses upserts thousands of hourly rows, and a plpgsql call, a
-- business lookup and two single-row upserts per row took a fifth of the batch. Each statement's
-- changed rows (transition tables) are summed by ad and local day, counted in as added and the old
-- versions as taken away, and each table gets one upsert. The businesses are read FOR SHARE, as
-- before: a concurrent change of time zone (which rebuilds the days) waits for this transaction, or
-- this one waits for it and then sees the new zone. The statement is built with format() because a
-- trigger's transition tables exist only for the events it declares (no old rows on insert).
DROP TRIGGER ad_hourly_stats_to_daily ON ad_hourly_stats;--> statement-breakpoint
DROP FUNCTION ad_daily_stats_from_hourly();--> statement-breakpoint
CREATE FUNCTION ad_daily_stats_from_hourly() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	counters constant text[] := array['impressions', 'clicks', 'video_starts', 'video_q25', 'video_q50',
		'video_q75', 'video_completes', 'conversions', 'invalid_events', 'spend_micros'];
	changes text := CASE TG_OP
		WHEN 'INSERT' THEN 'select 1 as sign, * from new_rows'
		WHEN 'DELETE' THEN 'select -1 as sign, * from old_rows'
		ELSE 'select 1 as sign, * from new_rows union all select -1, * from old_rows' END;
	signed text := (SELECT string_agg(format('sum(sign * %1$I) as %1$I', c), ', ') FROM unnest(counters) c);
	summed text := (SELECT string_agg(format('sum(%I)', c), ', ') FROM unnest(counters) c);
	added text := (SELECT string_agg(format('%1$I = t.%1$I + excluded.%1$I', c), ', ') FROM unnest(counters) c);
BEGIN
	EXECUTE format($q$
		with changes as (%1$s),
		zones as (
			select id, time_zone from businesses where id in (select business_id from changes) order by id for share
		),
		deltas as (
			select c.ad_id, (c.hour at time zone coalesce(z.time_zone, 'Asia/Jakarta'))::date as day, c.campaign_id,
				c.business_id, %2$s
			from changes c left join zones z on z.id = c.business_id
			group by 1, 2, 3, 4
		),
		by_ad as (
			insert into ad_daily_stats as t (ad_id, day, campaign_id, business_id, %3$s)
			select ad_id, day, campaign_id, business_id, %3$s from deltas
			on conflict (ad_id, day) do update set %5$s
		)
		insert into campaign_daily_stats as t (campaign_id, day, business_id, %3$s)
		select campaign_id, day, business_id, %4$s from deltas group by campaign_id, day, business_id
		on conflict (campaign_id, day) do update set %5$s$q$,
		changes, signed, array_to_string(counters, ', '), summed, added);
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER ad_hourly_stats_inserted AFTER INSERT ON ad_hourly_stats
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ad_daily_stats_from_hourly();--> statement-breakpoint
CREATE TRIGGER ad_hourly_stats_updated AFTER UPDATE ON ad_hourly_stats
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ad_daily_stats_from_hourly();--> statement-breakpoint
CREATE TRIGGER ad_hourly_stats_deleted AFTER DELETE ON ad_hourly_stats
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ad_daily_stats_from_hourly();--> statement-breakpoint
-- No longer called: the per-row trigger's helper.
DROP FUNCTION ad_daily_stats_add(uuid, timestamptz, uuid, uuid, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint);
