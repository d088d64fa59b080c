package com.rushgate.local.s3;

import com.rushgate.local.s3.BucketFolder.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ListObjectsV2 over a bucket's folder: {@code prefix}, {@code delimiter}, {@code max-keys} (1000
 * at most, S3's default), {@code start-after}, {@code continuation-token} and
 * {@code encoding-type=url}. The continuation token is opaque to clients; here it is the base64url
 * of the key (or common prefix) the page ended with.
 */
final class ListObjectsV2 {

    static final int MAX_KEYS = 1000;

    private ListObjectsV2() {
    }

    /**
     * The answer's body for the request's query parameters (decoded).
     *
     * @throws S3Error InvalidArgument (400) for a max-keys that is no number or is negative, an
     *                 unknown encoding-type, or a continuation token this endpoint did not give
     */
    static byte[] answer(BucketFolder bucket, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.get("delimiter");
        int maxKeys = maxKeys(query.get("max-keys"));
        String token = query.get("continuation-token");
        String startAfter = query.get("start-after");
        String encoding = query.get("encoding-type");
        if (encoding != null && !encoding.equals("url")) {
            throw S3Error.invalidArgument("Invalid Encoding Method specified in Request");
        }
        String after = token != null ? fromToken(token) : startAfter;
        Listing page = Listing.page(bucket.keys(prefix), prefix, delimiter, after, maxKeys);
        List<StoredObject> objects = new ArrayList<>();
        for (String key : page.keys()) {
            // a key deleted since the walk is left out, as a later listing would leave it out
            Optional<StoredObject> object = bucket.find(key);
            object.ifPresent(objects::add);
        }
        var request = new S3Xml.ListRequest(bucket.name(), prefix, delimiter, maxKeys, token, startAfter,
                encoding != null);
        return S3Xml.listing(request, objects, page.commonPrefixes(), page.truncated(),
                page.truncated() ? toToken(page.next()) : null);
    }

    private static int maxKeys(String value) {
        if (value == null) {
            return MAX_KEYS;
        }
        try {
            int asked = Integer.parseInt(value.trim());
            if (asked < 0) {
                throw S3Error.invalidArgument("max-keys cannot be negative");
            }
            return Math.min(asked, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw S3Error.invalidArgument("Provided max-keys not an integer or within integer range");
        }
    }

    static String toToken(String after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.getBytes(StandardCharsets.UTF_8));
    }

    static String fromToken(String token) {
        try {
            String after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (after.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return after;
        } catch (IllegalArgumentException e) {
            throw S3Error.invalidArgument("The continuation token provided is incorrect");
        }
    }
}
