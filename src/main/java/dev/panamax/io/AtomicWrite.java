// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file so that a crash at any moment leaves the old file or the complete new one, and
 * no lasting debris: the bytes go to a temporary file beside the target, named
 * {@code .<name>.panamax-<pid>-<random>.tmp}, flushed to disk, renamed over the target, and the
 * directory is flushed so the rename itself survives a power cut.
 *
 * <p>A process killed mid-write leaves its temporary file behind; the next write of the same target
 * removes it. A temporary file is stale when the process named by its pid is gone, or is a
 * different process that started after the file was last written (the pid was reused). Files of
 * the older pattern {@code .<name>.<hex>.tmp} are stale when last written before this JVM started.
 * Nothing else in the directory is touched. Processes on other machines sharing the directory are
 * not seen: a write from another machine in progress may lose its temporary file (and fail).
 */
final class AtomicWrite {
    private AtomicWrite() {}

    /** Writes the content of the new file. */
    interface Body {
        void write(FileChannel ch) throws IOException;
    }

    private static final Pattern LEGACY = Pattern.compile("[0-9a-f]{1,16}");
    private static final Pattern CURRENT = Pattern.compile("panamax-(\\d{1,19})-[0-9a-f]{1,16}");

    /**
     * Creates or replaces file with what body writes, creating missing parent folders. Every
     * failure is an IOException whose message starts with op and the path as the caller gave it.
     */
    static void replace(Path file, String op, Body body) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        String name = abs.getFileName().toString();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(op + ": cannot write " + file + ": cannot create its folder " + dir + " ("
                    + describe(e) + ")", e);
        }
        removeStale(dir, name);
        Path tmp;
        try {
            tmp = newTempFile(dir, name);
        } catch (IOException e) {
            throw new IOException(op + ": cannot write " + file + ": cannot create a temporary file in " + dir + " ("
                    + describe(e) + ")", e);
        }
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                body.write(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new IOException(op + ": cannot write " + file + " (" + describe(e) + ")", e);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** fsync of the directory, where the OS lets a directory be opened (Linux, macOS; not Windows). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The rename is done; only its durability across a power cut is not guaranteed here.
        }
    }

    /**
     * A new empty file in dir. Created with the default permissions (the umask's), unlike
     * Files.createTempFile's owner-only ones, so the renamed file is as readable as any file the
     * user writes.
     */
    private static Path newTempFile(Path dir, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(tempName(name, pid, ThreadLocalRandom.current().nextLong()));
            try {
                Files.newByteChannel(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return p;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    static String tempName(String name, long pid, long random) {
        return "." + name + ".panamax-" + pid + "-" + Long.toHexString(random) + ".tmp";
    }

    /** Deletes the stale temporary files of target name in dir (see the class comment); best effort. */
    static void removeStale(Path dir, String name) {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(".tmp") && f.length() > prefix.length() + 4;
        })) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (isStale(p, f.substring(prefix.length(), f.length() - 4))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning is a courtesy: a directory we cannot list or a file we cannot delete does not stop the write.
        }
    }

    private static boolean isStale(Path p, String middle) throws IOException {
        Instant written = Files.getLastModifiedTime(p).toInstant();
        Matcher m = CURRENT.matcher(middle);
        if (m.matches()) {
            long pid;
            try {
                pid = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return false;
            }
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty()) {
                return true;
            }
            Optional<Instant> started = h.get().info().startInstant();
            return started.isPresent() && started.get().isAfter(written);
        }
        if (LEGACY.matcher(middle).matches()) {
            Optional<Instant> started = ProcessHandle.current().info().startInstant();
            return started.isPresent() && written.isBefore(started.get());
        }
        return false;
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
}
