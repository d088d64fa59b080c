-- The dead letter queue per event. dead_lettered: requests that were FAILED_FINAL at least once
-- (each had a message in the DLQ, whatever their latest record says); still_failed: those whose
-- latest record is FAILED_FINAL; dlq_rate: dead_lettered / requests; redrives: redrives recorded
-- on the latest records.
SELECT
    latest.eventId AS event_id,
    count(*) AS requests,
    count(dead_lettered.requestId) AS dead_lettered,
    count_if(latest.status = 'FAILED_FINAL') AS still_failed,
    count_if(latest.redriveCount > 0) AS redriven_requests,
    sum(latest.redriveCount) AS redrives,
    CAST(count(dead_lettered.requestId) AS DOUBLE) / count(*) AS dlq_rate
FROM latest
LEFT JOIN (
    SELECT DISTINCT requestId FROM final_requests WHERE status = 'FAILED_FINAL'
) AS dead_lettered ON dead_lettered.requestId = latest.requestId
GROUP BY latest.eventId
ORDER BY event_id
