-- How each event's requests ended: succeeded, rejected and failed counts and shares, from each
-- request's latest final record (a redriven request that then succeeded counts as succeeded).
SELECT
    eventId AS event_id,
    count(*) AS requests,
    count_if(status = 'SUCCEEDED') AS succeeded,
    count_if(status = 'REJECTED') AS rejected,
    count_if(status = 'FAILED_FINAL') AS failed_final,
    CAST(count_if(status = 'SUCCEEDED') AS DOUBLE) / count(*) AS success_ratio,
    CAST(count_if(status = 'REJECTED') AS DOUBLE) / count(*) AS rejected_ratio,
    CAST(count_if(status = 'FAILED_FINAL') AS DOUBLE) / count(*) AS failed_ratio
FROM latest
GROUP BY eventId
ORDER BY event_id
