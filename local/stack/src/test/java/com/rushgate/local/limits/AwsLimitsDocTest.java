package com.rushgate.local.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/aws-limits.md is the one table of figures: every row must be what AwsLimits enforces, and every figure must have a row. */
class AwsLimitsDocTest {

    private static final Pattern ROW = Pattern.compile("^\\|[^|]+\\|[^|]+\\|\\s*([0-9,]+)\\s*\\|\\s*`([A-Z_0-9]+)`\\s*\\|\\s*\\[.+\\]\\(https://docs\\.aws\\.amazon\\.com/.+\\)\\s*\\|$");

    @Test
    void everyFigureOfTheCode_isInTheTable_withTheSameValue_andAnAwsSource() throws IOException, ReflectiveOperationException {
        Path doc = Path.of(System.getProperty("rushgate.root", "..")).resolve("docs/aws-limits.md");
        Map<String, Double> documented = new HashMap<>();
        List<String> lines = Files.readAllLines(doc);
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                documented.put(row.group(2), Double.parseDouble(row.group(1).replace(",", "")));
            }
        }
        List<String> figures = List.of("WRITE_UNIT_BYTES", "READ_UNIT_BYTES", "TRANSACTION_FACTOR",
                "PARTITION_WRITE_UNITS", "PARTITION_READ_UNITS", "ON_DEMAND_WARM_WRITE_UNITS", "ON_DEMAND_WARM_READ_UNITS",
                "TABLE_ACCOUNT_QUOTA_UNITS", "ACCOUNT_CONCURRENCY", "SCALING_ENVIRONMENTS_PER_10_SECONDS",
                "SQS_INITIAL_CONCURRENT_BATCHES", "SQS_ADDED_BATCHES_PER_MINUTE", "SQS_MAXIMUM_CONCURRENT_BATCHES",
                "API_ACCOUNT_RATE", "API_ACCOUNT_BURST");
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(figures);
        for (String figure : figures) {
            double value = ((Number) AwsLimits.class.getField(figure).get(null)).doubleValue();
            assertThat(documented.get(figure)).as(figure).isEqualTo(value);
        }
        assertThat(String.join("\n", lines))
                .contains("**The default rate scale is " + AwsLimits.DEFAULT_SCALE + ".**")
                .contains("its default is " + Math.round(AwsLimits.DEFAULT_CONCURRENCY_SCALE) + ".**");
    }
}
