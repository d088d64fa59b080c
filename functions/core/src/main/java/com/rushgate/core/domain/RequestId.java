package com.rushgate.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The public identifier of a participation request: {@code rq_} and 32 lowercase base32 characters.
 * It is derived from (eventId, userId) by a {@link RequestIdDerivation}, so the same user in the
 * same event always gets the same id.
 */
public record RequestId(String value) {

    private static final Pattern FORMAT = Pattern.compile("rq_[a-z2-7]{32}");
    /** Every request id has this many characters, so a list of them, one per line, can be paged by bytes. */
    public static final int LENGTH = 35;

    public RequestId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a request id: it must be rq_ followed by 32 base32 characters");
        }
    }

    /** Whether {@code candidate} has the shape of a request id; says nothing about its existence. */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
