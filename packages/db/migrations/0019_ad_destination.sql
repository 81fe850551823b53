ALTER TABLE "ad_versions" ADD COLUMN "destination_type" text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "ad_versions" ADD COLUMN "whatsapp_phone" text;--> statement-breakpoint
ALTER TABLE "ad_versions" ADD COLUMN "whatsapp_message" text;--> statement-breakpoint
ALTER TABLE "ad_versions" ADD CONSTRAINT "ad_versions_destination_valid" CHECK (("ad_versions"."destination_type" = 'web' and "ad_versions"."whatsapp_phone" is null and "ad_versions"."whatsapp_message" is null)
        or ("ad_versions"."destination_type" = 'whatsapp' and "ad_versions"."whatsapp_phone" is not null and "ad_versions"."whatsapp_message" is not null));