-- Share of claims resting on anonymous sources, per publisher.
SELECT coalesce(publisher, '(unknown)') AS publisher,
       count(*) AS claims,
       count(*) FILTER (WHERE is_anonymous) AS anonymous_claims,
       round(count(*) FILTER (WHERE is_anonymous) / count(*), 3) AS anonymous_share
FROM claims_enriched
WHERE source_id IS NOT NULL
GROUP BY 1
ORDER BY anonymous_share DESC, claims DESC;
