-- Latency per event and hour of completion (UTC), from each request's latest final record.
SELECT
    eventId AS event_id,
    date_trunc('hour', from_iso8601_timestamp(completedAt)) AS completed_hour,
    count(*) AS requests,
    approx_percentile(CAST(latencyMs AS DOUBLE), 0.50) AS p50_latency_ms,
    approx_percentile(CAST(latencyMs AS DOUBLE), 0.95) AS p95_latency_ms,
    approx_percentile(CAST(latencyMs AS DOUBLE), 0.99) AS p99_latency_ms
FROM latest
GROUP BY eventId, date_trunc('hour', from_iso8601_timestamp(completedAt))
ORDER BY event_id, completed_hour
