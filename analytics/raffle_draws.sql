-- Per drawn raffle: what its draw published (draw-results/<eventId>.json: entries, winners, entries
-- not drawn, failed entries excluded from the draw) beside the decisions of its entries that reached
-- the lake (won_in_lake, not_drawn_in_lake: each equals its draw count once every decision landed),
-- and the seconds from the close to the draw and from the draw to the last decision in the lake
-- (null until one is there). A raffle not drawn yet has no row: its entries are ENTERED, not final.
SELECT
    draws.eventId AS event_id,
    draws.capacity AS capacity,
    draws.entries AS entries,
    draws.winners AS winners,
    draws.entries - draws.winners AS not_drawn,
    draws.excluded AS excluded,
    coalesce(decided.won, 0) AS won_in_lake,
    coalesce(decided.not_drawn, 0) AS not_drawn_in_lake,
    draws.closesAt AS closes_at,
    draws.drawnAt AS drawn_at,
    decided.last_decision_at AS last_decision_at,
    CAST(date_diff('millisecond',
        from_iso8601_timestamp(draws.closesAt),
        from_iso8601_timestamp(draws.drawnAt)) AS DOUBLE) / 1000 AS seconds_close_to_draw,
    CAST(date_diff('millisecond',
        from_iso8601_timestamp(draws.drawnAt),
        from_iso8601_timestamp(decided.last_decision_at)) AS DOUBLE) / 1000 AS seconds_draw_to_last_decision
FROM raffle_draws AS draws
LEFT JOIN (
    -- The draw's decisions only: an excluded entry redriven later is rejected EXCLUDED_FROM_DRAW
    -- whenever that happens, which says nothing of how long the draw took to reach its entries.
    SELECT
        eventId,
        count_if(status = 'SUCCEEDED') AS won,
        count_if(status = 'REJECTED' AND reason = 'NOT_DRAWN') AS not_drawn,
        max(completedAt) AS last_decision_at
    FROM latest
    WHERE status = 'SUCCEEDED' OR (status = 'REJECTED' AND reason = 'NOT_DRAWN')
    GROUP BY eventId
) AS decided ON decided.eventId = draws.eventId
ORDER BY event_id
