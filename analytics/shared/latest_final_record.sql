-- latest: each request's latest final record, so that every question counts a request once. The
-- lake can hold several final records of a request: one per decision of a redriven request, and a
-- record written again after a pipe restart. The latest is the one completed last; on a tie, the one
-- with more redrives, then more attempts. Written once, in analytics/shared/latest_final_record.sql:
-- every saved query is this block followed by its question.
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
)
