-- Views over the published releases in {releases} (`newsclaims publish`), added to news.duckdb by
-- build_database when that folder holds releases. `releases` lists them, `latest` names the
-- newest; per table, `release_<table>` holds every release's rows with a `version` column and
-- `latest_<table>` the newest release's rows. Diff versions with SQL, e.g.
--   SELECT * FROM release_claims WHERE version = '1.1.0'
--   AND claim_id NOT IN (SELECT claim_id FROM release_claims WHERE version = '1.0.0');
CREATE OR REPLACE VIEW releases AS
SELECT CAST(version AS VARCHAR) AS version, major, minor, patch, CAST(created_at AS TIMESTAMP) AS created_at,
       CAST(previous_version AS VARCHAR) AS previous_version, CAST(code_version AS VARCHAR) AS code_version,
       CAST(n_articles AS BIGINT) AS n_articles, CAST(n_rejected AS BIGINT) AS n_rejected, CAST(path AS VARCHAR) AS path
FROM (VALUES
{release_rows}
) AS r(version, major, minor, patch, created_at, previous_version, code_version, n_articles, n_rejected, path);

CREATE OR REPLACE VIEW latest AS
SELECT * FROM releases ORDER BY major DESC, minor DESC, patch DESC LIMIT 1;
