package com.rushgate.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {

    private final ResolutionContext context = new ResolutionContext() {
        @Override
        public Object ref(String name) {
            return switch (name) {
                case "AWS::Region" -> "eu-west-1";
                case "Stage" -> "prod";
                case "Queue" -> "http://127.0.0.1:9324/000000000000/Queue";
                default -> throw new IllegalArgumentException("unknown " + name);
            };
        }

        @Override
        public Object getAtt(String logicalId, String attribute) {
            return "arn:" + logicalId + ":" + attribute;
        }

        @Override
        public String dynamicReference(String reference) {
            return "secret(" + reference + ")";
        }

        @Override
        public boolean condition(String name) {
            return name.equals("IsProd");
        }
    };
    private final Intrinsics intrinsics = new Intrinsics(context,
            Map.of("Sizes", Map.of("prod", Map.of("Memory", 1024))));

    @Test
    void refAndGetAtt_useTheContext() {
        assertThat(intrinsics.resolve(Map.of("Ref", "Queue"))).isEqualTo("http://127.0.0.1:9324/000000000000/Queue");
        assertThat(intrinsics.resolve(Map.of("Fn::GetAtt", List.of("Table", "Arn")))).isEqualTo("arn:Table:Arn");
        assertThat(intrinsics.resolve(Map.of("Fn::GetAtt", "Table.StreamArn"))).isEqualTo("arn:Table:StreamArn");
    }

    @Test
    void sub_replacesRefsAttributesVariablesAndKeepsEscapes() {
        Object resolved = intrinsics.resolve(Map.of("Fn::Sub", List.of("${Stage}-${AWS::Region}-${Table.Arn}-${X}-${!Literal}",
                Map.of("X", Map.of("Ref", "Stage")))));

        assertThat(resolved).isEqualTo("prod-eu-west-1-arn:Table:Arn-prod-${Literal}");
    }

    @Test
    void joinSelectSplit_compose() {
        Object split = Map.of("Fn::Split", List.of(",", "a,b,c"));
        assertThat(intrinsics.resolve(Map.of("Fn::Select", List.of(1, split)))).isEqualTo("b");
        assertThat(intrinsics.resolve(Map.of("Fn::Join", List.of("/", List.of("x", Map.of("Ref", "Stage"))))))
                .isEqualTo("x/prod");
    }

    @Test
    void conditionsAndMappings_areEvaluated() {
        assertThat(intrinsics.resolve(Map.of("Fn::If", List.of("IsProd", "big", "small")))).isEqualTo("big");
        assertThat(intrinsics.resolve(Map.of("Fn::If", List.of("IsDev", "big", "small")))).isEqualTo("small");
        assertThat(intrinsics.resolve(Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod")))).isEqualTo(true);
        assertThat(intrinsics.resolve(Map.of("Fn::FindInMap", List.of("Sizes", "prod", "Memory")))).isEqualTo(1024);
    }

    @Test
    void noValue_removesTheProperty() {
        Object resolved = intrinsics.resolve(Map.of("A", 1, "B", Map.of("Ref", "AWS::NoValue")));

        assertThat(resolved).isEqualTo(Map.of("A", 1));
    }

    @Test
    void dynamicReferences_insideStringsAreResolved() {
        assertThat(intrinsics.resolve("{{resolve:secretsmanager:Key:SecretString}}"))
                .isEqualTo("secret(secretsmanager:Key:SecretString)");
    }

    @Test
    void unsupportedFunctions_sayWhich() {
        assertThatThrownBy(() -> intrinsics.resolve(Map.of("Fn::GetAZs", "")))
                .hasMessageContaining("Fn::GetAZs");
    }
}
