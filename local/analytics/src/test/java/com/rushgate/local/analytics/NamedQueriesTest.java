package com.rushgate.local.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.LocalNames;
import com.rushgate.local.template.ParameterValues;
import com.rushgate.local.template.StackModel;
import com.rushgate.local.template.StackModel.NamedQuerySpec;
import com.rushgate.local.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What Athena runs is analytics/shared/latest_final_record.sql followed by analytics/NAME.sql: the
 * template's named queries must resolve to exactly that text.
 */
class NamedQueriesTest {

    static final Path ROOT = Path.of(System.getProperty("rushgate.root", "..")).toAbsolutePath().normalize();

    static final Path LATEST_FINAL_RECORD = ROOT.resolve("analytics/shared/latest_final_record.sql");

    static StackModel model() {
        Template template = Template.load(ROOT.resolve("template.yaml"));
        LocalNames names = new LocalNames(template, ParameterValues.of(template, Map.of()), "us-east-1",
                URI.create("http://127.0.0.1:9324"), secret -> "secret");
        return StackModel.resolve(template, names);
    }

    /** The questions: each file analytics/NAME.sql by NAME (the shared blocks of analytics/shared/ are not questions). */
    static Map<String, String> questionFiles() throws IOException {
        try (Stream<Path> sql = Files.list(ROOT.resolve("analytics"))) {
            return sql.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .collect(Collectors.toMap(f -> f.getFileName().toString().replaceFirst("\\.sql$", ""), NamedQueriesTest::read,
                            (a, b) -> a, TreeMap::new));
        }
    }

    @Test
    void everyNamedQuery_isTheSharedBlockThenItsAnalyticsFile_characterForCharacter() throws IOException {
        Map<String, String> files = questionFiles();
        String block = read(LATEST_FINAL_RECORD);
        Map<String, String> named = model().namedQueries().stream()
                .collect(Collectors.toMap(NamedQuerySpec::name, NamedQuerySpec::query, (a, b) -> a, TreeMap::new));

        assertThat(files).isNotEmpty();
        assertThat(named.keySet()).isEqualTo(files.keySet());
        files.forEach((name, text) -> assertThat(named.get(name))
                .as("template NamedQuery %s vs analytics/shared/latest_final_record.sql + analytics/%s.sql", name, name)
                .isEqualTo(block + text));
    }

    @Test
    void namedQueries_useTheTemplatesDatabase_andTheGlueTableByItsPlainName() {
        StackModel model = model();
        String table = model.glueTables().get(0).name();

        assertThat(model.namedQueries()).allSatisfy(query -> {
            assertThat(query.database()).isEqualTo("rushgate_analytics");
            assertThat(query.query()).contains("FROM " + table).doesNotContain("rushgate_analytics.");
        });
    }

    @Test
    void docs_showEveryDialectDifference() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/analytics.md"));

        assertThat(AthenaToDuckDb.DIFFERENCES).allSatisfy(difference -> assertThat(docs).contains(difference.athena()));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
