-- Run after views.sql: `claims_enriched` joins six tables, so build_database writes it once per
-- build to `{dir}/claims_enriched.parquet` (in article-date order) and the view reads that file.
-- `claims_about_actors` is defined over `claims_enriched` and follows it.
CREATE OR REPLACE VIEW claims_enriched AS SELECT * FROM read_parquet('{dir}/claims_enriched.parquet');
