package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {

    @TempDir
    Path dir;

    @Test
    void shortFormIntrinsics_becomeTheLongForm() throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      A: !Ref Thing
                      B: !GetAtt Queue.Arn
                      C: !Sub "${Stage}-x"
                      D: !Join [",", [a, b]]
                """);

        Map<String, Object> properties = Template.load(file).properties("Fn");

        assertThat(properties.get("A")).isEqualTo(Map.of("Ref", "Thing"));
        assertThat(properties.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
        assertThat(properties.get("C")).isEqualTo(Map.of("Fn::Sub", "${Stage}-x"));
        assertThat(properties.get("D")).isEqualTo(Map.of("Fn::Join", List.of(",", List.of("a", "b"))));
    }

    @Test
    void globals_mergeMapsConcatenateListsAndReplaceScalars() {
        Map<String, Object> merged = Template.merge(
                Map.of("Timeout", 10, "Environment", Map.of("Variables", Map.of("A", "1", "B", "1")), "Layers", List.of("g")),
                Map.of("Timeout", 30, "Environment", Map.of("Variables", Map.of("B", "2")), "Layers", List.of("own")));

        assertThat(merged.get("Timeout")).isEqualTo(30);
        assertThat(merged.get("Environment")).isEqualTo(Map.of("Variables", Map.of("A", "1", "B", "2")));
        assertThat(merged.get("Layers")).isEqualTo(List.of("g", "own"));
    }
}
