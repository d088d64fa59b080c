package com.rushgate.local.s3;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of an object a GET asks for with its {@code Range} header, resolved as S3 resolves it:
 * one range of bytes, {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}; a
 * last byte past the end is the last byte of the object; a header S3 does not understand (another
 * unit, several ranges, first after last) is ignored and the whole object is sent.
 *
 * @param first the first byte sent, from 0
 * @param last  the last byte sent, inclusive
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /**
     * @return empty for the whole object: no header, or one S3 ignores
     * @throws S3Error InvalidRange (416) when the range starts at or past the end of the object, or
     *                 asks for its last 0 bytes
     */
    static Optional<ByteRange> resolve(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.trim());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        String from = matcher.group(1);
        String to = matcher.group(2);
        if (from.isEmpty()) {
            long suffix = parse(to);
            if (suffix == 0 || size == 0) {
                throw S3Error.invalidRange(header, size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = parse(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : parse(to);
        if (first > last) {
            return Optional.empty();
        }
        if (first >= size) {
            throw S3Error.invalidRange(header, size);
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** Digits beyond a long are as far as any object reaches. */
    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    long length() {
        return last - first + 1;
    }

    /** The Content-Range header of the 206 answer. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }
}
