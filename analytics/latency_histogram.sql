-- Latency histogram per event: requests per bucket, with bucket bounds growing by a factor of
-- sqrt(2) (upper_ms is the bucket's upper bound), from each request's latest final record.
SELECT
    eventId AS event_id,
    CAST(round(power(2, ceil(log2(greatest(latencyMs, 1)) * 2) / 2)) AS BIGINT) AS upper_ms,
    count(*) AS requests
FROM latest
WHERE latencyMs IS NOT NULL
GROUP BY eventId, CAST(round(power(2, ceil(log2(greatest(latencyMs, 1)) * 2) / 2)) AS BIGINT)
ORDER BY event_id, upper_ms
