package com.rushgate.local.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to one question: its columns, in the query's order, and its rows. Values are
 * String, Long, Double, Boolean or null (timestamps as ISO-8601 UTC strings), whatever the engine.
 *
 * @param question    the named query's name (analytics/NAME.sql)
 * @param description what it answers, as the template describes it
 */
public record Answer(String question, String description, List<String> columns, List<List<Object>> rows) {

    public Answer {
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
    }

    /** The rows of one event: the rows whose {@code event_id} is {@code eventId}. */
    public Answer forEvent(String eventId) {
        int column = columns.indexOf("event_id");
        if (eventId == null || column < 0) {
            return this;
        }
        return new Answer(question, description, columns,
                rows.stream().filter(row -> eventId.equals(row.get(column))).toList());
    }

    public List<Map<String, Object>> asMaps() {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i), row.get(i));
            }
            maps.add(map);
        }
        return maps;
    }

    /** A column of the first row, if there is a row and the value is not null. */
    public Optional<Object> first(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(question + " has no column " + column + "; it has " + columns);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0).get(index));
    }

    public Optional<Double> firstNumber(String column) {
        return first(column).map(value -> ((Number) value).doubleValue());
    }
}
