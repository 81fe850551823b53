-- Cities are Kemendagri codes ('31.74') since issue #17; the slugs campaigns and creator profiles
-- stored before become their codes (core's CITY_ALIASES, which still accepts them on input). Safe to
-- run again: a value that is not one of these slugs is left as it is.
CREATE TEMPORARY TABLE city_slug_codes (slug text PRIMARY KEY, code text NOT NULL) ON COMMIT DROP;
--> statement-breakpoint
INSERT INTO city_slug_codes (slug, code) VALUES
  ('banda-aceh', '11.71'),
  ('lhokseumawe', '11.73'),
  ('langsa', '11.74'),
  ('medan', '12.71'),
  ('binjai', '12.75'),
  ('pematangsiantar', '12.72'),
  ('padangsidimpuan', '12.77'),
  ('tebing-tinggi', '12.76'),
  ('padang', '13.71'),
  ('payakumbuh', '13.76'),
  ('bukittinggi', '13.75'),
  ('pariaman', '13.77'),
  ('pekanbaru', '14.71'),
  ('dumai', '14.72'),
  ('jambi', '15.71'),
  ('palembang', '16.71'),
  ('lubuklinggau', '16.73'),
  ('prabumulih', '16.74'),
  ('bengkulu', '17.71'),
  ('bandar-lampung', '18.71'),
  ('metro', '18.72'),
  ('pangkalpinang', '19.71'),
  ('tanjungpinang', '21.72'),
  ('batam', '21.71'),
  ('jakarta-pusat', '31.71'),
  ('jakarta-selatan', '31.74'),
  ('jakarta-timur', '31.75'),
  ('jakarta-barat', '31.73'),
  ('jakarta-utara', '31.72'),
  ('kepulauan-seribu', '31.01'),
  ('bandung', '32.73'),
  ('bekasi', '32.75'),
  ('depok', '32.76'),
  ('bogor', '32.71'),
  ('tasikmalaya', '32.78'),
  ('cirebon', '32.74'),
  ('semarang', '33.74'),
  ('surakarta', '33.72'),
  ('pekalongan', '33.75'),
  ('tegal', '33.76'),
  ('salatiga', '33.73'),
  ('magelang', '33.71'),
  ('yogyakarta', '34.71'),
  ('sleman', '34.04'),
  ('bantul', '34.02'),
  ('gunungkidul', '34.03'),
  ('kulon-progo', '34.01'),
  ('surabaya', '35.78'),
  ('sidoarjo', '35.15'),
  ('malang', '35.73'),
  ('kediri', '35.71'),
  ('batu', '35.79'),
  ('madiun', '35.77'),
  ('serang', '36.73'),
  ('tangerang', '36.71'),
  ('tangerang-selatan', '36.74'),
  ('cilegon', '36.72'),
  ('denpasar', '51.71'),
  ('badung', '51.03'),
  ('gianyar', '51.04'),
  ('mataram', '52.71'),
  ('bima', '52.72'),
  ('kupang', '53.71'),
  ('pontianak', '61.71'),
  ('singkawang', '61.72'),
  ('palangka-raya', '62.71'),
  ('banjarbaru', '63.72'),
  ('banjarmasin', '63.71'),
  ('samarinda', '64.72'),
  ('balikpapan', '64.71'),
  ('bontang', '64.74'),
  ('bulungan', '65.01'),
  ('tarakan', '65.71'),
  ('manado', '71.71'),
  ('bitung', '71.72'),
  ('kotamobagu', '71.74'),
  ('tomohon', '71.73'),
  ('palu', '72.71'),
  ('makassar', '73.71'),
  ('palopo', '73.73'),
  ('parepare', '73.72'),
  ('kendari', '74.71'),
  ('baubau', '74.72'),
  ('gorontalo', '75.71'),
  ('mamuju', '76.02'),
  ('ambon', '81.71'),
  ('tual', '81.72'),
  ('tidore-kepulauan', '82.72'),
  ('ternate', '82.71'),
  ('manokwari', '92.02'),
  ('sorong', '96.71'),
  ('jayapura', '91.71'),
  ('merauke', '93.01'),
  ('nabire', '94.01'),
  ('mimika', '94.04'),
  ('jayawijaya', '95.01');
--> statement-breakpoint
UPDATE campaigns AS c
SET targeting = jsonb_set(
  c.targeting,
  '{cities}',
  (
    SELECT coalesce(jsonb_agg(coalesce(m.code, e.value) ORDER BY e.ord), '[]'::jsonb)
    FROM jsonb_array_elements_text(c.targeting -> 'cities') WITH ORDINALITY AS e (value, ord)
    LEFT JOIN city_slug_codes AS m ON m.slug = e.value
  )
)
WHERE EXISTS (
  SELECT 1
  FROM jsonb_array_elements_text(c.targeting -> 'cities') AS e (value)
  JOIN city_slug_codes AS m ON m.slug = e.value
);
--> statement-breakpoint
UPDATE creator_profiles AS p
SET city = m.code
FROM city_slug_codes AS m
WHERE p.city = m.slug;
