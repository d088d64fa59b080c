package com.rushgate.local.s3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a ListObjectsV2 answer over a bucket's keys, as S3 pages it: keys in UTF-8 binary
 * order after a marker (the start-after key or the continuation token), those that share the
 * prefix up to the next delimiter rolled into one common prefix, at most {@code maxKeys} keys and
 * common prefixes together.
 *
 * @param keys           the keys of this page
 * @param commonPrefixes the common prefixes of this page
 * @param truncated      whether more follow
 * @param next           what the next page starts after (the last key or common prefix); null when not truncated
 */
record Listing(List<String> keys, List<String> commonPrefixes, boolean truncated, String next) {

    /** S3's order: by UTF-8 bytes, which is the order of code points. */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    /**
     * @param sortedKeys every key of the bucket that starts with {@code prefix}, in {@link #KEY_ORDER}
     * @param delimiter  null or empty for none
     * @param after      only keys after this one (and prefixes after it); null for the beginning
     */
    static Listing page(List<String> sortedKeys, String prefix, String delimiter, String after, int maxKeys) {
        if (maxKeys == 0) {
            // S3 answers an empty page that says nothing follows
            return new Listing(List.of(), List.of(), false, null);
        }
        List<String> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean rolls = delimiter != null && !delimiter.isEmpty();
        for (String key : sortedKeys) {
            if (!key.startsWith(prefix) || (after != null && KEY_ORDER.compare(key, after) <= 0)) {
                continue;
            }
            String entry = key;
            if (rolls) {
                int at = key.indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    entry = key.substring(0, at + delimiter.length());
                }
            }
            boolean isPrefix = !entry.equals(key);
            if (isPrefix && (entry.equals(last) || (after != null && KEY_ORDER.compare(entry, after) <= 0))) {
                // a common prefix already given, on this page or an earlier one
                continue;
            }
            if (keys.size() + prefixes.size() == maxKeys) {
                return new Listing(keys, prefixes, true, last);
            }
            (isPrefix ? prefixes : keys).add(entry);
            last = entry;
        }
        return new Listing(keys, prefixes, false, null);
    }
}
