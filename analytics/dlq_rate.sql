-- The dead letter queue per event. dead_lettered: requests that were FAILED_FINAL at least once
-- (each had a message in the DLQ); still_failed: those whose latest record is FAILED_FINAL;
-- dlq_rate: dead_lettered / requests; redrives: redrives recorded on the latest records.
WITH ranked AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY requestId
            ORDER BY completedAt DESC, redriveCount DESC, attempts DESC
        ) AS record_rank
    FROM final_requests
),
latest AS (
    SELECT * FROM ranked WHERE record_rank = 1
),
dead_lettered AS (
    SELECT DISTINCT requestId FROM final_requests WHERE status = 'FAILED_FINAL'
)
SELECT
    latest.eventId AS event_id,
    count(*) AS requests,
    count(dead_lettered.requestId) AS dead_lettered,
    count_if(latest.status = 'FAILED_FINAL') AS still_failed,
    count_if(latest.redriveCount > 0) AS redriven_requests,
    sum(latest.redriveCount) AS redrives,
    CAST(count(dead_lettered.requestId) AS DOUBLE) / count(*) AS dlq_rate
FROM latest
LEFT JOIN dead_lettered ON dead_lettered.requestId = latest.requestId
GROUP BY latest.eventId
ORDER BY event_id
