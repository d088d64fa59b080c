package com.rushgate.local.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bucket of the template as a folder of the local lake: each object is a file, its key the
 * file's path from the folder (see {@link ObjectKey}). The folder is the one the local Firehose
 * delivers to, so the lake's analytics files are objects of this bucket too, and what is put here
 * sits beside them.
 *
 * <p>A put is written to a staging folder outside the bucket, forced to disk, then renamed into
 * place: a reader sees the old object or the new one, never part of one. Folders are created as
 * keys need them and removed when their last object is deleted (S3 has no folders). Only the bytes
 * are kept: the ETag is the MD5 of the file (remembered while its size and time do not change);
 * Content-Type and user metadata are not kept. Thread-safe.
 */
final class BucketFolder {

    private static final HexFormat HEX = HexFormat.of();

    private final String name;
    private final Path folder;
    private final Path staging;
    private final Map<Path, Fingerprint> md5s = new ConcurrentHashMap<>();

    /** An object as stored: its file, size, time of last write and ETag (quoted, as S3 sends it). */
    record StoredObject(String key, Path file, long size, Instant lastModified, String etag) {
    }

    private record Fingerprint(long size, Instant lastModified, String md5Hex) {
    }

    /**
     * @param folder  the bucket's folder; created with its first object
     * @param staging where puts are written before they are renamed into the bucket: outside it, on
     *                the same file system
     */
    BucketFolder(String name, Path folder, Path staging) {
        this.name = name;
        this.folder = folder.toAbsolutePath().normalize();
        this.staging = staging.toAbsolutePath().normalize();
    }

    String name() {
        return name;
    }

    Path folder() {
        return folder;
    }

    /**
     * Stores {@code body} under {@code key}, replacing what was there.
     *
     * @throws S3Error     for a refused key, a malformed body or a failed check; nothing is stored then
     * @throws IOException when the body cannot be read or the file written
     */
    IncomingObject.Written put(String key, IncomingObject incoming, InputStream body) throws IOException {
        Path target = ObjectKey.file(folder, key);
        if (Files.isDirectory(target)) {
            throw keptAsFiles(key, "it is the folder of other keys");
        }
        Files.createDirectories(staging);
        Path part = Files.createTempFile(staging, "s3-", ".part");
        try {
            IncomingObject.Written written = incoming.writeTo(body, part);
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // Taken before the rename, which keeps size and time: a put racing on the same key cannot lend us its own.
            BasicFileAttributes stored = Files.readAttributes(part, BasicFileAttributes.class);
            Fingerprint fingerprint = new Fingerprint(stored.size(), stored.lastModifiedTime().toInstant(), written.md5Hex());
            moveInto(key, part, target);
            md5s.put(target, fingerprint);
            return written;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private void moveInto(String key, Path part, Path target) throws IOException {
        // A delete may remove an emptied folder between the two steps: then create it again.
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(target.getParent());
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw keptAsFiles(key, "a part of it is an object, or it is the folder of other keys");
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
            } catch (FileSystemException e) {
                if (Files.isRegularFile(part) && !Files.isDirectory(target.getParent())) {
                    throw keptAsFiles(key, "a part of it is an object");
                }
                throw e;
            }
        }
    }

    private static S3Error keptAsFiles(String key, String why) {
        return new S3Error(400, "InvalidArgument", "The local S3 keeps objects as files and cannot store " + key
                + ": " + why, Map.of("Key", key));
    }

    /** The object under {@code key}; empty when there is none. */
    Optional<StoredObject> find(String key) throws IOException {
        Path file = ObjectKey.file(folder, key);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(stored(key, file, attributes));
    }

    private StoredObject stored(String key, Path file, BasicFileAttributes attributes) throws IOException {
        Instant modified = attributes.lastModifiedTime().toInstant();
        Fingerprint known = md5s.get(file);
        if (known == null || known.size() != attributes.size() || !known.lastModified().equals(modified)) {
            // Written by someone else (the local Firehose) or changed since: compute it once.
            known = new Fingerprint(attributes.size(), modified, md5(file));
            md5s.put(file, known);
        }
        return new StoredObject(key, file, attributes.size(), modified, "\"" + known.md5Hex() + "\"");
    }

    private static String md5(Path file) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HEX.formatHex(md5.digest());
    }

    /** Deletes the object under {@code key}, if there is one, and the folders it leaves empty. */
    void delete(String key) throws IOException {
        Path file = ObjectKey.file(folder, key);
        if (!Files.isRegularFile(file) || !Files.deleteIfExists(file)) {
            return;
        }
        md5s.remove(file);
        for (Path dir = file.getParent(); !dir.equals(folder); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
        }
    }

    /** The keys that start with {@code prefix}, in S3's key order ({@link Listing#KEY_ORDER}). */
    List<String> keys(String prefix) throws IOException {
        Path start = folder;
        int slash = prefix.lastIndexOf('/');
        if (slash > 0) {
            try {
                start = ObjectKey.file(folder, prefix.substring(0, slash));
            } catch (S3Error noKeyStartsSo) {
                return List.of();
            }
        }
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(start)) {
            return found;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String key = ObjectKey.of(folder, file);
                if (attributes.isRegularFile() && key.startsWith(prefix)) {
                    found.add(key);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Removed while the walk ran (a delete, a Firehose rename): not part of the listing.
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Listing.KEY_ORDER);
        return found;
    }
}
