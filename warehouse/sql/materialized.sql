-- Run after views.sql: `claims_enriched` joins six tables, so build_database writes its rows once,
-- a part beside each part of claims (`{dir}/claims_enriched.parquet/`, in article-date order), and
-- the view reads them. The source actor's name follows the whole corpus (the most used name of
-- the actor across every article), so it is joined here, when the view is read, not stored.
-- `claims_about_actors` is defined over `claims_enriched` and follows it.
CREATE OR REPLACE VIEW claims_enriched AS
SELECT e.* REPLACE (src_actor.actor_id AS source_actor_id, src_actor.name AS source_actor_name)
FROM {claims_enriched} e
LEFT JOIN actors src_actor ON src_actor.actor_id = e.source_actor_id;
