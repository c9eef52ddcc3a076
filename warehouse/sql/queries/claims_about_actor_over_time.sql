-- Claims about one actor, month by month, with who made them. Change the name to follow another actor.
SELECT date_trunc('month', article_date) AS month,
       about_actor_name AS actor,
       count(*) AS claims,
       list(DISTINCT coalesce(source_actor_name, source_name)) AS sources
FROM claims_about_actors
WHERE about_actor_name = 'Ukraine'
GROUP BY ALL
ORDER BY month NULLS FIRST;
