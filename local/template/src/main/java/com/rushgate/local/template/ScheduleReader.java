package com.rushgate.local.template;

import com.rushgate.local.template.StackModel.ScheduleTrigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the functions' Schedule (EventBridge rule) and ScheduleV2 (EventBridge Scheduler) events:
 * the expression with its period when it is a {@code rate(...)}, the Input, and whether it is on
 * (Enabled not false, State not DISABLED). A cron expression is kept, with no period.
 */
final class ScheduleReader {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");

    private ScheduleReader() {
    }

    static List<ScheduleTrigger> read(List<FunctionEvent> events) {
        List<ScheduleTrigger> schedules = new ArrayList<>();
        for (FunctionEvent event : FunctionEvent.ofType(events, "Schedule", "ScheduleV2")) {
            Map<String, Object> p = event.properties();
            String expression = String.valueOf(p.get("Schedule".equals(event.type()) ? "Schedule" : "ScheduleExpression"));
            Object input = p.get("Input");
            schedules.add(new ScheduleTrigger(event.functionId(), event.name(), expression,
                    rate(expression).orElse(null), input == null ? null : String.valueOf(input),
                    Values.notFalse(p.get("Enabled")) && !"DISABLED".equals(String.valueOf(p.get("State")))));
        }
        return List.copyOf(schedules);
    }

    /** The period of a {@code rate(N unit)} expression; empty for anything else. */
    static Optional<Duration> rate(String expression) {
        Matcher matcher = RATE.matcher(expression.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(amount);
            case "hour", "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }
}
