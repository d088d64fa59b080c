package com.rushgate.local.analytics;

import static com.rushgate.local.analytics.NamedQueriesTest.LATEST_FINAL_RECORD;
import static com.rushgate.local.analytics.NamedQueriesTest.ROOT;
import static com.rushgate.local.analytics.NamedQueriesTest.questionFiles;
import static com.rushgate.local.analytics.NamedQueriesTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.local.template.StackModel.NamedQuerySpec;
import com.rushgate.local.template.Template;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Each request's latest final record" is written once, in analytics/shared/latest_final_record.sql:
 * the template holds it once (Mappings) and every named query joins that one copy in front of its
 * question; no question rebuilds it; and the local engine runs exactly the joined text Athena gets.
 */
class LatestFinalRecordTest {

    private static final Map<String, Object> TEMPLATE_BLOCK = Map.of("Fn::FindInMap",
            List.of("AnalyticsSql", "Blocks", "LatestFinalRecord"));

    /** Ways to pick one record per request that belong in the shared block only. */
    private static final Pattern REBUILDS_THE_BLOCK = Pattern.compile(
            "(?i)row_number|\\brank\\s*\\(|partition\\s+by|max_by|min_by|group\\s+by\\s+requestId|\\bwith\\s+\\w+\\s+as\\s*\\(");

    private static final Pattern SQL_COMMENT = Pattern.compile("--[^\\n]*");

    @Test
    void templatesBlock_isTheSharedFile_characterForCharacter() {
        Template template = Template.load(ROOT.resolve("template.yaml"));

        Object block = ((Map<?, ?>) ((Map<?, ?>) template.section("Mappings").get("AnalyticsSql")).get("Blocks"))
                .get("LatestFinalRecord");

        assertThat(block).isEqualTo(read(LATEST_FINAL_RECORD));
    }

    @Test
    void everyNamedQuery_joinsTheTemplatesOneBlock_withItsQuestion_andHoldsNoCopyOfItsOwn() throws IOException {
        Template template = Template.load(ROOT.resolve("template.yaml"));
        Map<String, String> questions = questionFiles();
        List<String> namedQueries = template.resourcesOfType("AWS::Athena::NamedQuery");

        assertThat(namedQueries).hasSameSizeAs(questions.keySet());
        assertThat(namedQueries).allSatisfy(id -> {
            Map<String, Object> properties = template.properties(id);
            String name = String.valueOf(properties.get("Name"));
            assertThat(properties.get("QueryString")).as("QueryString of %s", id)
                    .isEqualTo(Map.of("Fn::Join", List.of("", List.of(TEMPLATE_BLOCK, questions.get(name)))));
        });
    }

    @Test
    void noQuestion_rebuildsTheLatestRecord_eachReadsItFromLatest() throws IOException {
        assertThat(questionFiles()).allSatisfy((name, text) -> {
            String sql = SQL_COMMENT.matcher(text).replaceAll("");
            assertThat(sql).as("analytics/%s.sql", name).doesNotContainPattern(REBUILDS_THE_BLOCK).contains("FROM latest");
        });
        assertThat(read(LATEST_FINAL_RECORD)).as("the block itself").containsPattern(REBUILDS_THE_BLOCK);
    }

    @Test
    void localEngine_runsTheBlockThenTheQuestion_asAthenaDoes(@TempDir Path lake) throws IOException {
        String block = read(LATEST_FINAL_RECORD);
        Map<String, String> questions = questionFiles();

        try (LakeAnalytics analytics = LakeAnalytics.open(NamedQueriesTest.model(), lake)) {
            List<NamedQuerySpec> asked = analytics.questions();

            assertThat(asked).extracting(NamedQuerySpec::name).containsExactlyInAnyOrderElementsOf(questions.keySet());
            assertThat(asked).allSatisfy(question -> {
                assertThat(question.query()).isEqualTo(block + questions.get(question.name()));
                assertThat(question.query().indexOf("row_number")).as("one block in %s", question.name())
                        .isEqualTo(question.query().lastIndexOf("row_number"));
            });
            assertThat(analytics.askAll(null)).as("DuckDB accepts every joined question").hasSameSizeAs(asked);
        }
    }
}
