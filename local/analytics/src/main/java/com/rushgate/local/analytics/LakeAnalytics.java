package com.rushgate.local.analytics;

import com.rushgate.local.analytics.AthenaToDuckDb.LocalTableData;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.GlueTableSpec;
import com.rushgate.local.template.StackModel.NamedQuerySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * The analytics questions answered locally: DuckDB, in this process, over the files of the local
 * data lake. The questions are the template's Athena named queries, resolved as CloudFormation
 * resolves them (so each starts with the one shared "latest final record" block, as in Athena) and
 * run as written after {@link AthenaToDuckDb} has prepared the session; each Glue table becomes a
 * view over the folder that stands for its S3 location ({@code s3://bucket/key/} is
 * {@code <lake>/bucket/key/}).
 */
public final class LakeAnalytics implements AutoCloseable {

    private static final String DRIVER = "org.duckdb.DuckDBDriver";

    private final StackModel model;
    private final Path lake;
    private final Connection connection;
    private final GlueTableSpec finalRequests;

    private LakeAnalytics(StackModel model, Path lake, Connection connection) {
        this.model = model;
        this.lake = lake;
        this.connection = connection;
        this.finalRequests = model.glueTables().isEmpty() ? null : model.glueTables().get(0);
    }

    /**
     * Opens a DuckDB session over the lake.
     *
     * @throws IllegalStateException if DuckDB cannot start or the tables cannot be described to it
     */
    public static LakeAnalytics open(StackModel model, Path lake) {
        Map<GlueTableSpec, LocalTableData> tables = new LinkedHashMap<>();
        for (GlueTableSpec table : model.glueTables()) {
            Path folder = folder(lake, table.location());
            tables.put(table, new LocalTableData(folder, hasFiles(folder, table.partitionKeys().size())));
        }
        Connection connection = null;
        try {
            Class.forName(DRIVER);
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                for (String sql : AthenaToDuckDb.session(tables)) {
                    statement.execute(sql);
                }
            }
            return new LakeAnalytics(model, lake, connection);
        } catch (ClassNotFoundException | SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot open DuckDB over the lake " + lake + ": " + e.getMessage(), e);
        }
    }

    /** The local folder of an S3 location: {@code s3://bucket/key/} is {@code <lake>/bucket/key}. */
    public static Path folder(Path lake, String location) {
        if (location == null || !location.startsWith("s3://")) {
            throw new IllegalArgumentException("not an S3 location: " + location);
        }
        Path folder = lake;
        for (String part : location.substring("s3://".length()).split("/")) {
            if (!part.isEmpty()) {
                folder = folder.resolve(part);
            }
        }
        return folder;
    }

    private static boolean hasFiles(Path folder, int partitionLevels) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder, partitionLevels + 1)) {
            return files.anyMatch(file -> Files.isRegularFile(file) && folder.relativize(file).getNameCount() == partitionLevels + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The questions, in the template's order, each with the exact text Athena is given. */
    public List<NamedQuerySpec> questions() {
        return model.namedQueries();
    }

    public NamedQuerySpec question(String name) {
        return questions().stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the template has no named query " + name));
    }

    /** Runs a question exactly as written. */
    public Answer ask(NamedQuerySpec question) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(question.query())) {
            return answer(question.name(), question.description(), rows);
        } catch (SQLException e) {
            throw new IllegalStateException("question " + question.name() + " failed on DuckDB: " + e.getMessage(), e);
        }
    }

    /** Every question, optionally narrowed to one event's rows. */
    public List<Answer> askAll(String eventId) {
        List<Answer> answers = new ArrayList<>();
        for (NamedQuerySpec question : questions()) {
            answers.add(ask(question).forEvent(eventId));
        }
        return answers;
    }

    /** Distinct requests of an event in the lake: what the queries count once each. */
    public long requests(String eventId) {
        return count("count(DISTINCT requestId)", eventId);
    }

    /**
     * The events the lake holds anything of, sorted: a final record, or a line of another table with an
     * {@code eventId} column (a drawn raffle's announcement, before its decisions land).
     */
    public List<String> events() {
        StringJoiner union = new StringJoiner(" UNION ", "SELECT eventId FROM (", ") ORDER BY eventId");
        union.add("SELECT eventId FROM \"" + table().name() + "\"");
        model.glueTables().stream().filter(t -> t != finalRequests && t.columns().containsKey("eventId"))
                .forEach(t -> union.add("SELECT eventId FROM \"" + t.name() + "\""));
        String sql = union.toString();
        List<String> events = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                events.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the lake's events: " + e.getMessage(), e);
        }
        return events;
    }

    /** Lines of an event in the lake, duplicates and several final records of one request included. */
    public long records(String eventId) {
        return count("count(*)", eventId);
    }

    private GlueTableSpec table() {
        if (finalRequests == null) {
            throw new IllegalStateException("the template has no Glue table for the lake");
        }
        return finalRequests;
    }

    private long count(String aggregate, String eventId) {
        String sql = "SELECT " + aggregate + " FROM \"" + table().name() + "\" WHERE eventId = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, eventId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the lake's records: " + e.getMessage(), e);
        }
    }

    private static Answer answer(String name, String description, ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> values = new ArrayList<>();
        while (rows.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= columns.size(); i++) {
                row.add(plain(rows.getObject(i)));
            }
            values.add(row);
        }
        return new Answer(name, description, columns, values);
    }

    /** One representation whatever the column type: Long, Double, String, Boolean or null. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    public Path lake() {
        return lake;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing is left to release that the JVM does not release
            }
        }
    }
}
