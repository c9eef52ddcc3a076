-- Views of the warehouse database. `{<table>}` reads the table's part files by name
-- (`DIR/<table>.parquet/part-*.parquet`, those the build commits); the database holds no data of
-- its own and can be rebuilt from the Parquet tables at any time.
CREATE OR REPLACE VIEW articles        AS SELECT * FROM {articles};
CREATE OR REPLACE VIEW rejected_inputs AS SELECT * FROM {rejected_inputs};
CREATE OR REPLACE VIEW actors          AS SELECT * FROM {actors};
CREATE OR REPLACE VIEW actor_mentions  AS SELECT * FROM {actor_mentions};
CREATE OR REPLACE VIEW sources         AS SELECT * FROM {sources};
CREATE OR REPLACE VIEW claims          AS SELECT * FROM {claims};
CREATE OR REPLACE VIEW claim_actors    AS SELECT * FROM {claim_actors};
CREATE OR REPLACE VIEW dates           AS SELECT * FROM {dates};

-- Claims with who made them, where and when they appeared. (news.duckdb reads this view's rows
-- from the parts of claims_enriched.parquet/, written from it for each part of claims: see
-- materialized.sql.)
CREATE OR REPLACE VIEW claims_enriched AS
SELECT c.claim_id, c.article_id, c.claim_type, c.cue, c.cue_lemma, c.content, c.source_text,
       c.parent_claim_id, c.sentence_index, c.confidence,
       s.source_id, s.name AS source_name, s.source_kind, s.is_anonymous, s.role AS source_role,
       s.affiliation AS source_affiliation,
       src_actor.actor_id AS source_actor_id, src_actor.name AS source_actor_name,
       cited.name AS cited_source_name,
       a.title, a.publisher, a.published_at, a.dateline_date, a.dateline_place,
       coalesce(a.dateline_date, CAST(a.published_at AS DATE)) AS article_date,
       claim_dates.claimed_on, claim_dates.dates_in_content
FROM claims c
JOIN articles a USING (article_id)
LEFT JOIN sources s ON s.source_id = c.source_id
LEFT JOIN sources cited ON cited.source_id = c.cited_source_id
LEFT JOIN actors src_actor ON src_actor.actor_id = s.actor_id
-- The TIMEX3 values of each claim, grouped once (a join, not a subquery per claim).
LEFT JOIN (
    SELECT claim_id,
           list(value ORDER BY start_char) FILTER (WHERE is_claim_time) AS claimed_on,
           list(value ORDER BY start_char) FILTER (WHERE NOT is_claim_time) AS dates_in_content
    FROM dates WHERE claim_id IS NOT NULL GROUP BY claim_id
) claim_dates ON claim_dates.claim_id = c.claim_id;

-- Which actors each claim is about, one row per (claim, actor).
CREATE OR REPLACE VIEW claims_about_actors AS
-- (claim, actor) pairs are made distinct before the join, not the wide rows after it.
SELECT ce.*, act.actor_id AS about_actor_id, act.name AS about_actor_name,
       act.actor_type AS about_actor_type, act.country_code AS about_country_code
FROM claims_enriched ce
JOIN (SELECT DISTINCT claim_id, actor_id FROM claim_actors) ca USING (claim_id)
JOIN actors act ON act.actor_id = ca.actor_id;
