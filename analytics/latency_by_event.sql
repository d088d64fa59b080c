-- Latency per event. latency: accepted (202) to final; processing: the deciding claim to final.
-- A request counts once, with its latest final record. Requests given up before any decision
-- have no latencyMs and stay out of the percentiles (timed_requests counts the others).
SELECT
    eventId AS event_id,
    max(eventType) AS event_type,
    count(*) AS requests,
    count(latencyMs) AS timed_requests,
    approx_percentile(CAST(latencyMs AS DOUBLE), 0.50) AS p50_latency_ms,
    approx_percentile(CAST(latencyMs AS DOUBLE), 0.95) AS p95_latency_ms,
    approx_percentile(CAST(latencyMs AS DOUBLE), 0.99) AS p99_latency_ms,
    max(latencyMs) AS max_latency_ms,
    approx_percentile(CAST(processingMs AS DOUBLE), 0.95) AS p95_processing_ms
FROM latest
GROUP BY eventId
ORDER BY event_id
