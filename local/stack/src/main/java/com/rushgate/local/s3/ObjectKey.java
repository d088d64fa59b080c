package com.rushgate.local.s3;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * An object key as a file of its bucket's folder: the key's {@code /}-separated parts are folders
 * and the file's name. A key that could not be such a file, or that would leave the folder, is
 * refused with 400: an empty part (a leading or doubled {@code /}, or a trailing one, S3's
 * "folder" markers), {@code .} or {@code ..}, a NUL character, or more than S3's 1024 bytes.
 */
final class ObjectKey {

    /** S3's longest key, in UTF-8 bytes. */
    static final int MAX_BYTES = 1024;

    private ObjectKey() {
    }

    /**
     * The file that holds {@code key} in {@code folder}.
     *
     * @throws S3Error 400 (KeyTooLongError or InvalidArgument) for a key that cannot be a file of the folder
     */
    static Path file(Path folder, String key) {
        if (key.isEmpty()) {
            throw S3Error.invalidArgument("an object needs a key");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new S3Error(400, "KeyTooLongError", "Your key is too long", Map.of("Key", key));
        }
        if (key.indexOf('\0') >= 0) {
            throw refused(key, "it holds a NUL character");
        }
        Path file = folder;
        for (String part : key.split("/", -1)) {
            if (part.isEmpty()) {
                throw refused(key, "the local S3 keeps objects as files, and a file's path has no empty part"
                        + " (no leading, doubled or trailing '/')");
            }
            if (part.equals(".") || part.equals("..")) {
                throw refused(key, "'" + part + "' would leave the object's folder");
            }
            file = file.resolve(part);
        }
        Path normal = file.normalize();
        if (!normal.startsWith(folder) || normal.equals(folder)) {
            throw refused(key, "it is not inside the bucket's folder");
        }
        return normal;
    }

    private static S3Error refused(String key, String why) {
        return new S3Error(400, "InvalidArgument", "The key " + key + " is refused: " + why, Map.of("Key", key));
    }

    /** The key of a file of {@code folder}: its path from the folder, parts joined by {@code /}. */
    static String of(Path folder, Path file) {
        StringBuilder key = new StringBuilder();
        for (Path part : folder.relativize(file)) {
            if (!key.isEmpty()) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }
}
