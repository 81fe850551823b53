-- The hash of a photo as the owner uploaded it, before the server cropped, rotated and re-encoded
-- it (sha256 is of the stored bytes). Null for videos, stored as they came, and older creatives.
ALTER TABLE "assets" ADD COLUMN "original_sha256" text;