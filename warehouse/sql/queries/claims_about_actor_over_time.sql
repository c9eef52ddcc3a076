-- Claims about one actor, month by month, with who made them.
-- Choose the actor with `SET VARIABLE actor = 'Ukraine';` first; unset, the most discussed actor is shown.
SELECT date_trunc('month', article_date) AS month,
       about_actor_name AS actor,
       count(*) AS claims,
       list(DISTINCT coalesce(source_actor_name, source_name)) AS sources
FROM claims_about_actors
WHERE about_actor_name = coalesce(
    getvariable('actor'),
    -- the actor most claims are about (claim_actors and actors alone: no need for the claims' details)
    (SELECT a.name FROM (SELECT DISTINCT claim_id, actor_id FROM claim_actors) JOIN actors a USING (actor_id)
     GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1))
GROUP BY ALL
ORDER BY month NULLS FIRST;
