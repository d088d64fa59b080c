-- Time to sell out, per FCFS event: from the first accepted request to the decision of the last
-- winner, for events where a request was rejected SOLD_OUT (null while stock remains).
SELECT
    eventId AS event_id,
    count_if(status = 'SUCCEEDED') AS units_won,
    count_if(status = 'REJECTED' AND reason = 'SOLD_OUT') AS sold_out_rejections,
    min(acceptedAt) AS first_accepted_at,
    max(CASE WHEN status = 'SUCCEEDED' THEN completedAt END) AS last_win_at,
    CASE
        WHEN count_if(status = 'REJECTED' AND reason = 'SOLD_OUT') > 0 THEN CAST(date_diff('millisecond',
            from_iso8601_timestamp(min(acceptedAt)),
            from_iso8601_timestamp(max(CASE WHEN status = 'SUCCEEDED' THEN completedAt END))) AS DOUBLE) / 1000
    END AS seconds_to_sell_out
FROM latest
WHERE eventType = 'FCFS'
GROUP BY eventId
ORDER BY event_id
