-- The most cited sources across the corpus: named parties by actor, unnamed ones by description.
SELECT coalesce(source_actor_name, lower(source_name)) AS source,
       any_value(source_kind) AS kind,
       bool_or(is_anonymous) AS anonymous,
       count(*) AS claims,
       count(DISTINCT article_id) AS articles
FROM claims_enriched
WHERE source_id IS NOT NULL
GROUP BY 1
ORDER BY claims DESC, source
LIMIT 25;
