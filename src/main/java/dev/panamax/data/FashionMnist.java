// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import dev.panamax.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 60,000 training and 10,000 test images of 28 x 28
 * grey pixels in ten classes, the data set of the book's chapters 3 and 4.
 *
 * <p>{@link #load(Path)} gives what the book's {@code d2l.load_data_fashion_mnist} gets from
 * torchvision: images as float32 {@code [N, 1, 28, 28]} scaled to [0, 1] as {@code ToTensor} does
 * (pixel / 255), and labels as float32 {@code [N]} holding the class numbers 0 to 9.
 *
 * <p>Where the files come from: a directory the user names is used, or refused with a message
 * naming what it lacks, and never replaced by another copy:
 * <ol>
 *   <li>the directory given to {@link #load(Path)}, if any;
 *   <li>else the directory in the environment variable {@code PANAMAX_DATA}, if set.
 * </ol>
 * With neither, the first of these holding all four standard files (each plain or {@code .gz}) wins:
 * <ol>
 *   <li>the per-user cache, {@code $XDG_CACHE_HOME/panamax/fashion-mnist} or else
 *       {@code ~/.cache/panamax/fashion-mnist};
 *   <li>{@code /usr/share/datasets/fashion-mnist}, where Debian's {@code dataset-fashion-mnist}
 *       package installs it;
 *   <li>otherwise the four {@code .gz} files are downloaded from the data set's canonical mirror
 *       ({@value #CANONICAL_URL}, overridable with the system property {@code panamax.fashionMnist.url}
 *       or the environment variable {@code PANAMAX_FASHION_MNIST_URL}) into the cache. Each file
 *       is checked against the MD5 published in the data set's README before it is renamed into
 *       place; a mismatch is deleted and refused.
 * </ol>
 * {@link #loader()} sets each of these explicitly (tests, mirrors, offline machines).
 *
 * <pre>{@code
 * FashionMnist.Data data = FashionMnist.load();              // found, or downloaded once into the cache
 * DataLoader train = data.trainIter(256, new Generator(0));  // shuffled batches of [256, 1, 28, 28] images
 * DataLoader test = data.testIter(256);
 * }</pre>
 */
public final class FashionMnist {
    private FashionMnist() {}

    /** The book's names of the ten classes, indexed by label ({@code d2l.get_fashion_mnist_labels}). */
    public static final List<String> TEXT_LABELS = List.of(
            "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot");

    /** The mirror named in the data set's README. */
    public static final String CANONICAL_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** The four file names, without {@code .gz}. */
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** MD5 of each {@code .gz} file, from the data set's README. */
    public static final Map<String, String> MD5 = Map.of(
            TRAIN_IMAGES + ".gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            TRAIN_LABELS + ".gz", "25c81989df183df01b3e8a0aad5dffbe",
            TEST_IMAGES + ".gz", "bef4ecab320f06d8554ea6380940ec79",
            TEST_LABELS + ".gz", "bb300cfdad3c16e7a12a480ee83cd310");

    private static final int SIDE = 28;

    /**
     * The four files as read: training and test images kept as bytes ({@link ByteImages}), so the
     * whole set takes 55 MB; batches and {@link #trainImages()} come out as float32 in [0, 1].
     *
     * @param train the 60,000 training images and labels (fewer after {@link #limit})
     * @param test the 10,000 test images and labels
     * @param source the directory the files were read from
     */
    public record Data(ByteImages train, ByteImages test, Path source) {
        public int trainSize() {
            return train.size();
        }

        public int testSize() {
            return test.size();
        }

        /** Training images as float32 [N, 1, 28, 28] in [0, 1]. Allocates (188 MB for all 60,000). */
        public Tensor trainImages() {
            return train.images();
        }

        /** Training labels, float32 [N], 0 to 9. Allocates. */
        public Tensor trainLabels() {
            return train.labels();
        }

        /** Test images as float32 [M, 1, 28, 28] in [0, 1]. Allocates. */
        public Tensor testImages() {
            return test.images();
        }

        /** Test labels, float32 [M], 0 to 9. Allocates. */
        public Tensor testLabels() {
            return test.labels();
        }

        /**
         * The first {@code nTrain} training examples (all if there are fewer) and the whole test
         * set: for quick runs. Copies the kept bytes; this record is not modified.
         */
        public Data limit(int nTrain) {
            return limit(nTrain, testSize());
        }

        /** The first nTrain training and nTest test examples (at most all of them); copies. */
        public Data limit(int nTrain, int nTest) {
            if (nTrain <= 0 || nTest <= 0) {
                throw new IllegalArgumentException("limit: counts must be positive, got " + nTrain + " and " + nTest);
            }
            return new Data(train.head(nTrain), test.head(nTest), source);
        }

        /**
         * The book's {@code train_iter} of {@code load_data_fashion_mnist(batch_size)}: batches of
         * (images, labels), shuffled each epoch from g, the last partial batch kept, each made while
         * the previous one trains ({@link DataLoader.Builder#prefetch}; the book's loader has
         * worker processes too).
         */
        public DataLoader trainIter(int batchSize, dev.panamax.Generator g) {
            return DataLoader.of(train).batchSize(batchSize).shuffle(g).prefetch(true).build();
        }

        /** As {@link #trainIter(int, dev.panamax.Generator)}, shuffled from the global generator. */
        public DataLoader trainIter(int batchSize) {
            return DataLoader.of(train).batchSize(batchSize).shuffle(true).prefetch(true).build();
        }

        /** The book's {@code test_iter}: batches of (images, labels) in file order. */
        public DataLoader testIter(int batchSize) {
            return DataLoader.of(test).batchSize(batchSize).shuffle(false).build();
        }
    }

    /** Loads with the default search order and download (see the class comment). */
    public static Data load() throws IOException {
        return loader().load();
    }

    /**
     * Loads the data set from {@code dir}; when dir is null, from the places of the class comment,
     * downloading if none has it.
     *
     * @throws IOException if dir (or {@code PANAMAX_DATA}) is missing or lacks a file (it is never
     *     replaced by another copy), if no copy is found and the download fails (the message says
     *     the three ways to get the data), or a file found is malformed ({@link IdxFormatException})
     */
    public static Data load(Path dir) throws IOException {
        return loader().directory(dir).load();
    }

    /** A loader with the default settings, to change before {@link Loader#load()}. */
    public static Loader loader() {
        return new Loader();
    }

    /**
     * Reads the four files from one directory, without searching or downloading.
     *
     * @throws IOException if a file is missing or malformed, the image and label counts differ, an
     *     image is not 28 x 28 or a label is not an integer from 0 to 9
     */
    public static Data read(Path dir) throws IOException {
        List<String> missing = missingFiles(dir);
        if (!missing.isEmpty()) {
            throw new IOException("Fashion-MNIST: " + dir + " lacks " + missing + " (each plain or .gz)");
        }
        return new Data(readPair(dir, TRAIN_IMAGES, TRAIN_LABELS), readPair(dir, TEST_IMAGES, TEST_LABELS), dir);
    }

    private static ByteImages readPair(Path dir, String imagesName, String labelsName) throws IOException {
        Path imagesFile = fileIn(dir, imagesName);
        Path labelsFile = fileIn(dir, labelsName);
        // Both files must be ubyte (readUbyte refuses another type with an IdxFormatException
        // before reading the data): labels of type int or double would otherwise come back as a
        // float64 tensor.
        Idx.Ubyte images = Idx.readUbyte(imagesFile, 3);
        int[] s = images.shape();
        if (s[1] != SIDE || s[2] != SIDE) {
            throw new IdxFormatException(imagesFile, "Fashion-MNIST images are 28 x 28, this file holds "
                    + s[1] + " x " + s[2]);
        }
        Idx.Ubyte labels = Idx.readUbyte(labelsFile, 1);
        byte[] l = labels.data();
        if (l.length != s[0]) {
            throw new IOException("Fashion-MNIST: " + imagesFile + " holds " + s[0] + " images but " + labelsFile
                    + " holds " + l.length + " labels; the files are from different sets");
        }
        float[] y = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            y[i] = l[i] & 0xFF;
            if (y[i] > 9) {
                throw new IdxFormatException(labelsFile, "Fashion-MNIST label " + i + " is " + (int) y[i]
                        + ", labels must be 0 to 9");
            }
        }
        return new ByteImages(images.data(), y, s[0], SIDE, SIDE);
    }

    /** name or name.gz in dir, plain first; null if neither is a regular file. */
    private static Path fileIn(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static List<String> missingFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String f : FILES) {
            if (dir == null || fileIn(dir, f) == null) {
                missing.add(f);
            }
        }
        return missing;
    }

    /**
     * The class names of labels, as the book's {@code get_fashion_mnist_labels}.
     *
     * @param labels a tensor of class numbers 0 to 9, any shape (read in row-major order); not modified
     */
    public static List<String> textLabels(Tensor labels) {
        List<String> out = new ArrayList<>(labels.numel());
        for (int i = 0; i < labels.numel(); i++) {
            double v = labels.getFlat(i);
            if (!(v >= 0 && v <= 9) || v != Math.rint(v)) {
                throw new IllegalArgumentException("textLabels: element " + i + " is " + v + ", labels are 0 to 9");
            }
            out.add(TEXT_LABELS.get((int) v));
        }
        return out;
    }

    /** The class names of labels 0 to 9. */
    public static List<String> textLabels(int... labels) {
        List<String> out = new ArrayList<>(labels.length);
        for (int v : labels) {
            if (v < 0 || v > 9) {
                throw new IllegalArgumentException("textLabels: label " + v + " is not 0 to 9");
            }
            out.add(TEXT_LABELS.get(v));
        }
        return out;
    }

    /** The default per-user cache directory (see the class comment). */
    public static Path defaultCacheDir() {
        return userCacheDir(System::getenv, System.getProperty("user.home"));
    }

    private static Path userCacheDir(Function<String, String> env, String home) {
        String xdg = env.apply("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".cache");
        return base.resolve("panamax").resolve("fashion-mnist");
    }

    /**
     * Where and how to find the data: each setting defaults to the behaviour of the class comment.
     * Not thread-safe; a loader may be reused.
     */
    public static final class Loader {
        private Path directory;
        private Function<String, String> env = System::getenv;
        private Path cacheDir;
        private List<Path> systemDirs = List.of(DEBIAN_DIR);
        private URI baseUrl;
        private Map<String, String> md5 = MD5;
        private boolean download = true;
        private Duration timeout = Duration.ofMinutes(10);
        private Consumer<String> log = System.err::println;

        private Loader() {}

        /** The first directory to look in, or null. */
        public Loader directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /** Where {@code PANAMAX_DATA}, {@code XDG_CACHE_HOME} and the URL variable are read (default System::getenv). */
        public Loader environment(Function<String, String> env) {
            this.env = Objects.requireNonNull(env);
            return this;
        }

        /** The cache directory, searched and downloaded into (default {@link #defaultCacheDir()}). */
        public Loader cacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir);
            return this;
        }

        /** System-wide directories searched after the cache (default {@link #DEBIAN_DIR}). */
        public Loader systemDirs(List<Path> dirs) {
            this.systemDirs = List.copyOf(dirs);
            return this;
        }

        /** The base URL the four {@code .gz} names are appended to. */
        public Loader baseUrl(URI url) {
            this.baseUrl = Objects.requireNonNull(url);
            return this;
        }

        /** Expected MD5 (lowercase hex) of each {@code .gz} file, by file name (default {@link #MD5}). */
        public Loader md5(Map<String, String> md5) {
            this.md5 = Map.copyOf(md5);
            return this;
        }

        /** Whether to download when no copy is found (default true). */
        public Loader download(boolean on) {
            this.download = on;
            return this;
        }

        /** Time limit for each file's download (default 10 minutes). */
        public Loader timeout(Duration t) {
            this.timeout = Objects.requireNonNull(t);
            return this;
        }

        /** Where the one-line notes on downloads go (default standard error). */
        public Loader log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log);
            return this;
        }

        /** Finds (or downloads) the data and reads it: see {@link FashionMnist#load(Path)}. */
        public Data load() throws IOException {
            return read(locate());
        }

        /**
         * The directory the data will be read from: a directory the user named ({@link #directory}
         * first, else {@code PANAMAX_DATA}) if it holds all four files; with none named, the first
         * in the search order that does, else the cache after downloading into it.
         *
         * @throws IOException if the named directory is missing or lacks a file: it is refused, never
         *     replaced by another copy (the message names it and what it lacks)
         */
        public Path locate() throws IOException {
            List<String> looked = new ArrayList<>();
            for (Candidate c : searchOrder()) {
                List<String> missing = missingFiles(c.dir);
                if (missing.isEmpty()) {
                    return c.dir;
                }
                if (c.named != null) {
                    throw new IOException("Fashion-MNIST: " + c.named + " " + refusal(c.dir, missing)
                            + "; a folder you name is used or refused, never replaced by another copy");
                }
                looked.add(c.dir + (missing.size() == FILES.size() ? " (no files)" : " (lacks " + missing + ")"));
            }
            Path cache = cache();
            URI base = base();
            if (!download) {
                throw new IOException(noDataMessage(looked, "downloads are switched off", base));
            }
            try {
                downloadInto(cache, base);
            } catch (IOException e) {
                throw new IOException(noDataMessage(looked, e.getMessage(), base), e);
            }
            return cache;
        }

        /** A directory to search; named says how the user gave it (null: the search found it). */
        private record Candidate(Path dir, String named) {}

        /** The directory the user named alone (the argument before PANAMAX_DATA), else the cache and the system directories. */
        private List<Candidate> searchOrder() {
            if (directory != null) {
                return List.of(new Candidate(directory, "folder " + directory));
            }
            String fromEnv = env.apply("PANAMAX_DATA");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return List.of(new Candidate(Path.of(fromEnv), "folder PANAMAX_DATA=" + fromEnv));
            }
            List<Candidate> dirs = new ArrayList<>();
            dirs.add(new Candidate(cache(), null));
            for (Path p : systemDirs) {
                dirs.add(new Candidate(p, null));
            }
            return dirs;
        }

        /** Why dir cannot be used: it is missing, not a directory, or lacks the listed files. */
        private static String refusal(Path dir, List<String> missing) {
            if (!Files.exists(dir)) {
                return "does not exist";
            }
            if (!Files.isDirectory(dir)) {
                return "is a file, not a folder";
            }
            return (missing.size() == FILES.size() ? "holds none of the four files " : "lacks ") + missing + " (each plain or .gz)";
        }

        private Path cache() {
            return cacheDir != null ? cacheDir : userCacheDir(env, System.getProperty("user.home"));
        }

        private URI base() {
            if (baseUrl != null) {
                return baseUrl;
            }
            String s = System.getProperty("panamax.fashionMnist.url");
            if (s == null || s.isBlank()) {
                s = env.apply("PANAMAX_FASHION_MNIST_URL");
            }
            if (s == null || s.isBlank()) {
                s = CANONICAL_URL;
            }
            return URI.create(s.endsWith("/") ? s : s + "/");
        }

        private String noDataMessage(List<String> looked, String why, URI base) {
            return "Fashion-MNIST not found and not downloaded (" + why + ").\nLooked in: " + String.join(", ", looked)
                    + ".\nGet it one of three ways:\n"
                    + "  1. install Debian's package: sudo apt install dataset-fashion-mnist (files in " + DEBIAN_DIR + ");\n"
                    + "  2. put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and"
                    + " t10k-labels-idx1-ubyte.gz (or the unzipped files) in a directory and pass it, or set PANAMAX_DATA to it;\n"
                    + "  3. let panamax download them from " + base + " into " + cache() + " (needs network access).";
        }

        private void downloadInto(Path cache, URI base) throws IOException {
            Files.createDirectories(cache);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            try {
                for (String f : FILES) {
                    if (fileIn(cache, f) != null) {
                        continue; // an earlier, checked download
                    }
                    String name = f + ".gz";
                    String expected = md5.get(name);
                    if (expected == null) {
                        throw new IOException("no expected MD5 for " + name);
                    }
                    URI url = base.resolve(name);
                    log.accept("Fashion-MNIST: downloading " + url + " into " + cache);
                    fetch(http, url, cache.resolve(name), expected);
                }
            } finally {
                http.close();
            }
        }

        /** Downloads url to target through a temporary file, refusing an MD5 other than expected. */
        private void fetch(HttpClient http, URI url, Path target, String expected) throws IOException {
            HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
            boolean done = false;
            try {
                HttpResponse<InputStream> resp;
                try {
                    resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while downloading " + url, e);
                } catch (IOException e) {
                    throw new IOException("cannot reach " + url + ": " + describe(e) + " (offline, or the mirror is down?)", e);
                }
                MessageDigest md = md5Digest();
                long received = 0;
                try (InputStream in = resp.body()) {
                    if (resp.statusCode() != 200) {
                        throw new IOException("HTTP " + resp.statusCode() + " for " + url);
                    }
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        byte[] buf = new byte[1 << 16];
                        for (int r; (r = in.read(buf)) > 0; ) {
                            md.update(buf, 0, r);
                            out.write(buf, 0, r);
                            received += r;
                        }
                    } catch (IOException e) {
                        throw new IOException("download of " + url + " broke off after " + received + " bytes: " + describe(e), e);
                    }
                }
                String got = HexFormat.of().formatHex(md.digest());
                if (!got.equalsIgnoreCase(expected)) {
                    throw new IOException("MD5 mismatch for " + url + ": expected " + expected + ", got " + got + " ("
                            + received + " bytes); the file was corrupted or cut in transit, or the mirror changed."
                            + " It was deleted; try again or get the data another way");
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                done = true;
            } finally {
                if (!done) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    /** An exception's message, or its class and cause's message when it has none (ConnectException). */
    private static String describe(Throwable e) {
        String m = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        Throwable c = e.getCause();
        return c != null && c != e ? m + ", caused by " + describe(c) : m;
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks MD5, which every Java SE platform must provide", e);
        }
    }

    /** Lowercase hex MD5 of a file (to check a copy by hand against {@link #MD5}). */
    public static String md5Of(Path file) throws IOException {
        MessageDigest md = md5Digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
