package com.rushgate.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeyTest {

    private static final Path BUCKET = Path.of("/lake/analyticsbucket");

    @Test
    void aKey_isAFileOfTheBucketsFolder_andBack() {
        Path file = ObjectKey.file(BUCKET, "draws/e-1/20261207T180000Z-ab12cd34/draw.json");

        assertThat(file).isEqualTo(BUCKET.resolve("draws").resolve("e-1").resolve("20261207T180000Z-ab12cd34")
                .resolve("draw.json"));
        assertThat(ObjectKey.of(BUCKET, file)).isEqualTo("draws/e-1/20261207T180000Z-ab12cd34/draw.json");
    }

    @Test
    void dotsInsideAName_areJustCharacters() {
        assertThat(ObjectKey.file(BUCKET, "a/..b/c..")).isEqualTo(BUCKET.resolve("a/..b/c.."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../outside", "draws/../../outside", "/etc/passwd", "a//b", "a/./b", "a/", ".",
            "nul\0byte"})
    void keysThatWouldLeaveTheFolder_orCannotBeAFile_areRefusedWith400(String key) {
        assertThatThrownBy(() -> ObjectKey.file(BUCKET, key))
                .isInstanceOfSatisfying(S3Error.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.code()).isEqualTo("InvalidArgument");
                });
    }

    @Test
    void aKeyLongerThan1024Bytes_isKeyTooLong() {
        assertThatThrownBy(() -> ObjectKey.file(BUCKET, "\u00e9".repeat(513)))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.code()).isEqualTo("KeyTooLongError"));
    }
}
