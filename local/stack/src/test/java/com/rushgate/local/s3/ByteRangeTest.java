package com.rushgate.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void noHeader_meansTheWholeObject() {
        assertThat(ByteRange.resolve(null, 100)).isEmpty();
    }

    @Test
    void firstToLast_isInclusive_andSaysSoInContentRange() {
        ByteRange range = ByteRange.resolve("bytes=10-19", 100).orElseThrow();

        assertThat(range).isEqualTo(new ByteRange(10, 19));
        assertThat(range.length()).isEqualTo(10);
        assertThat(range.contentRange(100)).isEqualTo("bytes 10-19/100");
    }

    @Test
    void lastPastTheEnd_endsAtTheLastByte() {
        assertThat(ByteRange.resolve("bytes=90-1000", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.resolve("bytes=90-99999999999999999999999", 100)).contains(new ByteRange(90, 99));
    }

    @Test
    void openEnded_runsToTheEnd() {
        assertThat(ByteRange.resolve("bytes=95-", 100)).contains(new ByteRange(95, 99));
    }

    @Test
    void suffix_isTheLastBytes_orTheWholeObjectWhenLonger() {
        assertThat(ByteRange.resolve("bytes=-10", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.resolve("bytes=-500", 100)).contains(new ByteRange(0, 99));
    }

    @Test
    void firstAtOrPastTheEnd_isInvalidRange416() {
        assertThatThrownBy(() -> ByteRange.resolve("bytes=100-200", 100))
                .isInstanceOfSatisfying(S3Error.class, error -> {
                    assertThat(error.status()).isEqualTo(416);
                    assertThat(error.code()).isEqualTo("InvalidRange");
                    assertThat(error.details()).containsEntry("RangeRequested", "bytes=100-200")
                            .containsEntry("ActualObjectSize", "100");
                });
        assertThatThrownBy(() -> ByteRange.resolve("bytes=0-", 0)).isInstanceOf(S3Error.class);
    }

    @Test
    void emptySuffix_orAnySuffixOfAnEmptyObject_isInvalidRange416() {
        assertThatThrownBy(() -> ByteRange.resolve("bytes=-0", 100))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.status()).isEqualTo(416));
        assertThatThrownBy(() -> ByteRange.resolve("bytes=-5", 0))
                .isInstanceOfSatisfying(S3Error.class, error -> assertThat(error.status()).isEqualTo(416));
    }

    @Test
    void headersS3DoesNotUnderstand_areIgnored() {
        assertThat(ByteRange.resolve("items=0-10", 100)).isEmpty();
        assertThat(ByteRange.resolve("bytes=0-10,20-30", 100)).isEmpty();
        assertThat(ByteRange.resolve("bytes=20-10", 100)).isEmpty();
        assertThat(ByteRange.resolve("bytes=-", 100)).isEmpty();
    }
}
