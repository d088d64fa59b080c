package com.rushgate.local.analytics;

import com.rushgate.local.template.StackModel.GlueTableSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every difference between Athena (Trino) and DuckDB that Rushgate's questions meet, in one place.
 *
 * <p>The questions (the template's named queries: the shared block of
 * analytics/shared/latest_final_record.sql followed by analytics/NAME.sql) are written for Athena
 * and run on DuckDB as they are, character for character: instead of rewriting their text, each
 * DuckDB session is first given what Athena has and DuckDB lacks, by the statements of
 * {@link #session}. {@link #DIFFERENCES} is the table docs/analytics.md shows. Rules the shims
 * cannot cover are kept by the queries themselves and listed there too (ratios cast to DOUBLE,
 * because {@code /} of two integers truncates in Athena and does not in DuckDB).
 */
public final class AthenaToDuckDb {

    /**
     * One difference.
     *
     * @param athena  what the Athena SQL uses
     * @param duckDb  what stands for it in the DuckDB session
     * @param meaning what stays the same and what does not
     */
    public record Difference(String athena, String duckDb, String meaning) {
    }

    public static final List<Difference> DIFFERENCES = List.of(
            new Difference("the Glue table (JSON SerDe, dt partition projection)",
                    "a view over read_json(lake glob, columns and types of the Glue table, hive partitioning)",
                    "same rows and column types; dt comes from the folder names in both"),
            new Difference("approx_percentile(x, p)",
                    "macro: quantile_cont(x, p)",
                    "DuckDB interpolates the exact percentile; Athena estimates it (error within about 1%)"),
            new Difference("from_iso8601_timestamp(s)",
                    "macro: CAST(s AS TIMESTAMPTZ)",
                    "both read ISO-8601 with Z as an instant"),
            new Difference("session time zone UTC",
                    "SET TimeZone = 'UTC'",
                    "date_trunc('hour', ...) cuts UTC hours in both"),
            new Difference("bigint / bigint truncates",
                    "(no shim) queries write CAST(x AS DOUBLE) / y",
                    "DuckDB's / always divides exactly; the cast makes both engines agree"));

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

    private AthenaToDuckDb() {
    }

    /**
     * The statements that prepare a DuckDB session for the questions, in order.
     *
     * @param tables the Glue tables, each with the local folder its S3 location stands for
     */
    public static List<String> session(Map<GlueTableSpec, LocalTableData> tables) {
        List<String> statements = new ArrayList<>();
        statements.add("SET autoinstall_known_extensions = false");
        statements.add("SET TimeZone = 'UTC'");
        statements.add("CREATE MACRO approx_percentile(x, p) AS quantile_cont(x, p)");
        statements.add("CREATE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)");
        tables.forEach((table, data) -> statements.add(view(table, data)));
        return statements;
    }

    /**
     * Where a Glue table's files are on this machine.
     *
     * @param folder the local folder of the table's S3 location
     * @param hasFiles whether any file lies there yet (DuckDB refuses a glob that matches nothing)
     */
    public record LocalTableData(Path folder, boolean hasFiles) {
    }

    /** The glob of a table's files: one {@code key=*} folder level per partition key. */
    public static String glob(GlueTableSpec table, Path folder) {
        StringBuilder glob = new StringBuilder(folder.toAbsolutePath().toString());
        for (String key : table.partitionKeys().keySet()) {
            glob.append('/').append(key).append("=*");
        }
        return glob.append("/*").toString();
    }

    static String view(GlueTableSpec table, LocalTableData data) {
        if (table.serializationLibrary() == null || !table.serializationLibrary().toLowerCase(Locale.ROOT).contains("json")) {
            throw new IllegalArgumentException("Glue table " + table.name() + " is not JSON; the local stack reads JSON tables only");
        }
        String name = identifier(table.name());
        if (!data.hasFiles()) {
            StringJoiner columns = new StringJoiner(", ");
            table.columns().forEach((column, type) -> columns.add("CAST(NULL AS " + duckDbType(type) + ") AS " + identifier(column)));
            table.partitionKeys().forEach((column, type) -> columns.add("CAST(NULL AS " + duckDbType(type) + ") AS " + identifier(column)));
            return "CREATE VIEW " + name + " AS SELECT " + columns + " WHERE false";
        }
        StringJoiner columns = new StringJoiner(", ", "{", "}");
        table.columns().forEach((column, type) -> columns.add(literal(column) + ": " + literal(duckDbType(type))));
        StringJoiner partitions = new StringJoiner(", ", "{", "}");
        table.partitionKeys().forEach((column, type) -> partitions.add(literal(column) + ": " + literal(duckDbType(type))));
        return "CREATE VIEW " + name + " AS SELECT * FROM read_json(" + literal(glob(table, data.folder()))
                + ", format = 'newline_delimited', compression = 'auto', columns = " + columns
                + (table.partitionKeys().isEmpty() ? "" : ", hive_partitioning = true, hive_types = " + partitions) + ")";
    }

    /** A Hive type as Glue declares it, as DuckDB names it. */
    static String duckDbType(String hiveType) {
        String type = hiveType.toLowerCase(Locale.ROOT).strip();
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return "DECIMAL(" + decimal.group(1) + ", " + decimal.group(2) + ")";
        }
        return switch (type) {
            case "string", "varchar", "char" -> "VARCHAR";
            case "tinyint" -> "TINYINT";
            case "smallint" -> "SMALLINT";
            case "int", "integer" -> "INTEGER";
            case "bigint" -> "BIGINT";
            case "float" -> "FLOAT";
            case "double" -> "DOUBLE";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP";
            default -> throw new IllegalArgumentException("Glue type " + hiveType + " has no DuckDB counterpart here");
        };
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
