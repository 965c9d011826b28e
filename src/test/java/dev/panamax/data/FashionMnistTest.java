// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.panamax.DType;
import dev.panamax.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path tmp;

    private static final int N_TRAIN = 12;
    private static final int N_TEST = 5;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Pixel j of image i of a set: a pattern that uses the whole 0..255 range. */
    private static int pixel(int set, int i, int j) {
        return (set * 7 + i * 31 + j * 13) % 256;
    }

    private static int label(int set, int i) {
        return (i * 3 + set) % 10;
    }

    /** Writes a small Fashion-MNIST-shaped data set; gz says which files are compressed. */
    private static Path makeDataset(Path dir, boolean gz, int nTrain, int nTest) throws IOException {
        Files.createDirectories(dir);
        int[] counts = {nTrain, nTest};
        String[][] names = {{FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS}, {FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS}};
        for (int set = 0; set < 2; set++) {
            int n = counts[set];
            float[] x = new float[n * 784];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 784; j++) {
                    x[i * 784 + j] = pixel(set, i, j);
                }
                y[i] = label(set, i);
            }
            String ext = gz ? ".gz" : "";
            Idx.write(dir.resolve(names[set][0] + ext), Tensor.wrap(x, n, 28, 28), Idx.Type.UBYTE);
            Idx.write(dir.resolve(names[set][1] + ext), Tensor.wrap(y, n), Idx.Type.UBYTE);
        }
        return dir;
    }

    /** A loader that sees nothing of this machine: no environment, an empty cache, no system dirs. */
    private FashionMnist.Loader isolated(Map<String, String> env) {
        return FashionMnist.loader().environment(env::get).cacheDir(tmp.resolve("cache")).systemDirs(List.of())
                .log(s -> { });
    }

    @Test
    void loadsAGivenDirectoryScaledAsToTensor() throws IOException {
        Path dir = makeDataset(tmp.resolve("plain"), false, N_TRAIN, N_TEST);
        FashionMnist.Data d = isolated(Map.of()).directory(dir).load();
        assertEquals(dir, d.source());
        assertArrayEquals(new int[] {N_TRAIN, 1, 28, 28}, d.trainImages().shape());
        assertArrayEquals(new int[] {N_TEST, 1, 28, 28}, d.testImages().shape());
        assertArrayEquals(new int[] {N_TRAIN}, d.trainLabels().shape());
        assertEquals(DType.F32, d.trainImages().dtype());
        assertEquals(DType.F32, d.trainLabels().dtype());
        for (int i = 0; i < N_TRAIN; i++) {
            assertEquals(label(0, i), d.trainLabels().getFlat(i));
            for (int j = 0; j < 784; j++) {
                assertEquals(pixel(0, i, j) / 255f, d.trainImages().f32()[i * 784 + j]);
            }
        }
        for (int i = 0; i < N_TEST; i++) {
            assertEquals(label(1, i), d.testLabels().getFlat(i));
            assertEquals(pixel(1, i, 400) / 255f, (float) d.testImages().get(i, 0, 14, 8));
        }
    }

    @Test
    void readsGzipAndPlainFilesAlike() throws IOException {
        FashionMnist.Data a = FashionMnist.read(makeDataset(tmp.resolve("a"), false, 3, 2));
        Path gz = makeDataset(tmp.resolve("b"), true, 3, 2);
        FashionMnist.Data b = FashionMnist.read(gz);
        assertArrayEquals(a.trainImages().f32(), b.trainImages().f32());
        assertArrayEquals(a.testLabels().f32(), b.testLabels().f32());
        // mixed: one file unzipped next to the others
        Files.delete(gz.resolve(FashionMnist.TEST_LABELS + ".gz"));
        Files.copy(tmp.resolve("a").resolve(FashionMnist.TEST_LABELS), gz.resolve(FashionMnist.TEST_LABELS));
        assertArrayEquals(a.testLabels().f32(), FashionMnist.read(gz).testLabels().f32());
    }

    @Test
    void searchesGivenDirThenPanamaxDataThenCacheThenSystemDirs() throws IOException {
        Path given = makeDataset(tmp.resolve("given"), false, 2, 1);
        Path env = makeDataset(tmp.resolve("env"), true, 2, 1);
        Path cache = makeDataset(tmp.resolve("cache"), true, 2, 1);
        Path system = makeDataset(tmp.resolve("system"), true, 2, 1);
        Map<String, String> vars = new HashMap<>(Map.of("PANAMAX_DATA", env.toString()));
        List<String> notes = new ArrayList<>();
        FashionMnist.Loader l = isolated(vars).systemDirs(List.of(system)).download(false).log(notes::add);
        assertEquals(given, l.directory(given).locate());
        assertEquals(env, l.directory(null).locate());
        vars.remove("PANAMAX_DATA");
        assertEquals(cache, l.locate());
        l.cacheDir(tmp.resolve("empty-cache"));
        assertEquals(system, l.locate());
        assertTrue(notes.isEmpty(), notes.toString());
    }

    /** A folder the user names (argument or PANAMAX_DATA) is used or refused, never replaced by another copy. */
    @Test
    void aNamedFolderThatLacksAFileIsRefusedNotReplaced() throws IOException {
        Path env = makeDataset(tmp.resolve("env"), true, 2, 1);
        Path system = makeDataset(tmp.resolve("system"), true, 2, 1);
        Path incomplete = makeDataset(tmp.resolve("incomplete"), false, 2, 1);
        Files.delete(incomplete.resolve(FashionMnist.TEST_IMAGES));
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Map<String, String> vars = new HashMap<>(Map.of("PANAMAX_DATA", env.toString()));
        FashionMnist.Loader l = isolated(vars).systemDirs(List.of(system)).download(false);
        String m = assertThrows(IOException.class, () -> l.directory(incomplete).locate()).getMessage();
        assertTrue(m.contains(incomplete + " lacks [t10k-images-idx3-ubyte]"), m);
        assertTrue(m.contains("never replaced"), m);
        m = assertThrows(IOException.class, () -> l.directory(tmp.resolve("nonexistent")).locate()).getMessage();
        assertTrue(m.contains(tmp.resolve("nonexistent") + " does not exist"), m);
        m = assertThrows(IOException.class, () -> l.directory(file).locate()).getMessage();
        assertTrue(m.contains(file + " is a file, not a folder"), m);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        m = assertThrows(IOException.class, () -> l.directory(empty).load()).getMessage();
        assertTrue(m.contains("holds none of the four files"), m);
        vars.put("PANAMAX_DATA", incomplete.toString());
        m = assertThrows(IOException.class, () -> l.directory(null).locate()).getMessage();
        assertTrue(m.contains("PANAMAX_DATA=" + incomplete + " lacks [t10k-images-idx3-ubyte]"), m);
        assertTrue(m.length() < 400, m);
    }

    @Test
    void usesXdgCacheHomeForTheDefaultCache() throws IOException {
        Path xdg = tmp.resolve("xdg");
        Path expected = xdg.resolve("panamax").resolve("fashion-mnist");
        makeDataset(expected, true, 2, 1);
        FashionMnist.Loader l = FashionMnist.loader().environment(Map.of("XDG_CACHE_HOME", xdg.toString())::get)
                .systemDirs(List.of()).download(false);
        assertEquals(expected, l.locate());
    }

    @Test
    void rejectsMismatchedCountsBadLabelsAndOddImageSizes() throws IOException {
        Path dir = makeDataset(tmp.resolve("d"), false, 4, 2);
        Idx.write(dir.resolve(FashionMnist.TRAIN_LABELS), Tensor.of(1f, 2f, 3f), Idx.Type.UBYTE);
        String m = assertThrows(IOException.class, () -> FashionMnist.read(dir)).getMessage();
        assertTrue(m.contains("holds 4 images but") && m.contains("holds 3 labels"), m);

        Idx.write(dir.resolve(FashionMnist.TRAIN_LABELS), Tensor.of(1f, 2f, 10f, 3f), Idx.Type.UBYTE);
        m = assertThrows(IOException.class, () -> FashionMnist.read(dir)).getMessage();
        assertTrue(m.contains("label 2 is 10, labels must be 0 to 9"), m);

        Idx.write(dir.resolve(FashionMnist.TRAIN_LABELS), Tensor.of(1f, 2f, 3f, 3f), Idx.Type.UBYTE);
        Idx.write(dir.resolve(FashionMnist.TRAIN_IMAGES), Tensor.zeros(4, 28, 27), Idx.Type.UBYTE);
        m = assertThrows(IdxFormatException.class, () -> FashionMnist.read(dir)).getMessage();
        assertTrue(m.contains("28 x 28, this file holds 28 x 27"), m);

        Idx.write(dir.resolve(FashionMnist.TRAIN_IMAGES), Tensor.zeros(4, 784), Idx.Type.UBYTE);
        m = assertThrows(IdxFormatException.class, () -> FashionMnist.read(dir)).getMessage();
        assertTrue(m.contains("the header declares 2 dims, this file must have 3"), m);
    }

    @Test
    void limitTakesTheFirstExamples() throws IOException {
        FashionMnist.Data d = FashionMnist.read(makeDataset(tmp.resolve("d"), false, N_TRAIN, N_TEST));
        FashionMnist.Data small = d.limit(5);
        assertEquals(5, small.trainSize());
        assertEquals(N_TEST, small.testSize());
        assertArrayEquals(new int[] {5, 1, 28, 28}, small.trainImages().shape());
        for (int i = 0; i < 5; i++) {
            assertEquals(label(0, i), small.trainLabels().getFlat(i));
            assertEquals(pixel(0, i, 100) / 255f, small.trainImages().f32()[i * 784 + 100]);
        }
        assertEquals(N_TRAIN, d.limit(1000).trainSize());
        assertEquals(2, d.limit(3, 2).testSize());
        assertThrows(IllegalArgumentException.class, () -> d.limit(0));
    }

    @Test
    void iteratorsAsTheBooksLoadDataFashionMnist() throws IOException {
        FashionMnist.Data d = FashionMnist.read(makeDataset(tmp.resolve("d"), true, N_TRAIN, N_TEST));
        DataLoader test = d.testIter(2);
        assertEquals(3, test.numBatches());
        DataLoader.Batch first = test.iterator().next();
        assertArrayEquals(new int[] {2, 1, 28, 28}, first.x().shape());
        assertEquals(label(1, 1), first.y().get(1));
        int[] seen = new int[N_TRAIN];
        for (DataLoader.Batch b : d.trainIter(5, new dev.panamax.Generator(1))) {
            for (int r = 0; r < b.size(); r++) {
                // find the example by its first pixel: pixel(0, i, 0) differs for each i < 12
                int p0 = Math.round(b.x().f32()[r * 784] * 255f);
                int i = 0;
                while (pixel(0, i, 0) != p0) {
                    i++;
                }
                assertEquals(label(0, i), b.y().get(r));
                seen[i]++;
            }
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, seen);
    }

    @Test
    void textLabelsAreTheBooks() {
        assertEquals(List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag",
                "ankle boot"), FashionMnist.TEXT_LABELS);
        assertEquals(List.of("ankle boot", "t-shirt", "bag"), FashionMnist.textLabels(Tensor.of(9f, 0f, 8f)));
        assertEquals(List.of("coat"), FashionMnist.textLabels(4));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.textLabels(Tensor.of(1.5f)));
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.textLabels(10));
    }

    // ------------------------------------------------------------ downloading

    private enum Mode { GOOD, CORRUPT, SHORT, CUT, MISSING }

    /** Serves the .gz files of src; mode says how to damage TRAIN_LABELS. Returns the base URL. */
    private URI serve(Path src, Map<String, Mode> modes, AtomicInteger requests) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fm/", ex -> {
            requests.incrementAndGet();
            String name = ex.getRequestURI().getPath().substring("/fm/".length());
            Path f = src.resolve(name);
            Mode mode = modes.getOrDefault(name, Mode.GOOD);
            if (!Files.isRegularFile(f) || mode == Mode.MISSING) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            byte[] body = Files.readAllBytes(f);
            switch (mode) {
                case CORRUPT -> body[body.length / 2] ^= 0x40;
                case SHORT -> body = java.util.Arrays.copyOf(body, body.length / 2);
                default -> { }
            }
            try (OutputStream out = ex.getResponseBody()) {
                if (mode == Mode.CUT) {
                    ex.sendResponseHeaders(200, body.length); // promise all, send half, hang up
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    throw new IOException("test server: connection cut on purpose");
                }
                ex.sendResponseHeaders(200, body.length);
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fm/");
    }

    private static Map<String, String> md5s(Path dir) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String f : FashionMnist.FILES) {
            m.put(f + ".gz", FashionMnist.md5Of(dir.resolve(f + ".gz")));
        }
        return m;
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsIntoTheCacheChecksMd5sAndThenServesFromTheCache() throws IOException {
        Path src = makeDataset(tmp.resolve("mirror"), true, N_TRAIN, N_TEST);
        AtomicInteger requests = new AtomicInteger();
        URI base = serve(src, Map.of(), requests);
        List<String> notes = new ArrayList<>();
        FashionMnist.Loader l = isolated(Map.of()).baseUrl(base).md5(md5s(src)).log(notes::add);
        FashionMnist.Data d = l.load();
        Path cache = tmp.resolve("cache");
        assertEquals(cache, d.source());
        assertEquals(4, requests.get());
        assertEquals(4, notes.size());
        assertTrue(notes.get(0).contains(base.toString()), notes.get(0));
        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz"), listing(cache));
        for (String f : FashionMnist.FILES) {
            assertArrayEquals(Files.readAllBytes(src.resolve(f + ".gz")), Files.readAllBytes(cache.resolve(f + ".gz")));
        }
        assertEquals(label(0, 7), d.trainLabels().getFlat(7));
        l.load();
        assertEquals(4, requests.get(), "the second load reads the cache");
    }

    @Test
    void baseUrlComesFromTheEnvironmentWhenNotSet() throws IOException {
        Path src = makeDataset(tmp.resolve("mirror"), true, 2, 1);
        AtomicInteger requests = new AtomicInteger();
        URI base = serve(src, Map.of(), requests);
        String noSlash = base.toString().substring(0, base.toString().length() - 1);
        isolated(Map.of("PANAMAX_FASHION_MNIST_URL", noSlash)).md5(md5s(src)).load();
        assertEquals(4, requests.get());
    }

    private String failedDownload(Mode mode) throws IOException {
        Path src = makeDataset(tmp.resolve("mirror-" + mode), true, N_TRAIN, N_TEST);
        URI base = serve(src, Map.of(FashionMnist.TRAIN_LABELS + ".gz", mode), new AtomicInteger());
        Map<String, String> md5 = md5s(src);
        FashionMnist.Loader l = isolated(Map.of()).baseUrl(base).md5(md5);
        String m = assertThrows(IOException.class, l::load).getMessage();
        // the good file before it is kept; nothing of the bad one, no temporary files
        assertEquals(List.of("train-images-idx3-ubyte.gz"), listing(tmp.resolve("cache")), m);
        assertTrue(m.contains("Get it one of three ways"), m);
        return m;
    }

    @Test
    void refusesACorruptedDownload() throws IOException {
        String m = failedDownload(Mode.CORRUPT);
        assertTrue(m.contains("MD5 mismatch for") && m.contains("train-labels-idx1-ubyte.gz"), m);
        assertTrue(m.contains("It was deleted"), m);
    }

    @Test
    void refusesATruncatedDownload() throws IOException {
        assertTrue(failedDownload(Mode.SHORT).contains("MD5 mismatch"));
    }

    @Test
    void refusesADownloadThatBreaksOff() throws IOException {
        String m = failedDownload(Mode.CUT);
        assertTrue(m.contains("broke off after"), m);
    }

    @Test
    void reportsAnHttpError() throws IOException {
        assertTrue(failedDownload(Mode.MISSING).contains("HTTP 404"));
    }

    @Test
    void offlineWithNoCopySaysTheThreeWaysToGetTheData() throws IOException {
        Path src = makeDataset(tmp.resolve("mirror"), true, 2, 1);
        URI base = serve(src, Map.of(), new AtomicInteger());
        server.stop(0); // nothing listens on the port any more
        server = null;
        String m = assertThrows(IOException.class, () -> isolated(Map.of()).baseUrl(base).load()).getMessage();
        assertTrue(m.contains("cannot reach " + base + "train-images-idx3-ubyte.gz: ConnectException"), m);
        assertTrue(m.contains("apt install dataset-fashion-mnist"), m);
        assertTrue(m.contains("PANAMAX_DATA"), m);
        assertTrue(m.contains("download them from " + base), m);
        m = assertThrows(IOException.class, () -> isolated(Map.of()).download(false).load()).getMessage();
        assertTrue(m.contains("downloads are switched off") && m.contains("three ways"), m);
        assertTrue(listing(tmp.resolve("cache")).isEmpty());
    }

    // ------------------------------------------------------------ the real data, where installed

    @Test
    void theDebianCopyLoadsWithTheKnownShapesAndClassBalance() throws IOException {
        Path deb = FashionMnist.DEBIAN_DIR;
        assumeTrue(Files.isRegularFile(deb.resolve(FashionMnist.TRAIN_LABELS + ".gz")), "dataset-fashion-mnist not installed");
        // Debian recompressed the files: their .gz MD5s differ from the README's (the sizes differ
        // by a few bytes), so only downloads are checked against FashionMnist.MD5.
        FashionMnist.Data d = FashionMnist.read(deb);
        assertArrayEquals(new int[] {60000, 1, 28, 28}, d.trainImages().shape());
        assertArrayEquals(new int[] {10000, 1, 28, 28}, d.testImages().shape());
        int[] counts = new int[10];
        for (float y : d.trainLabels().f32()) {
            counts[(int) y]++;
        }
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, counts);
        float max = 0;
        for (float v : d.testImages().f32()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
        assertFalse(d.trainImages().f32()[0] < 0);
        // the first training image is an ankle boot (label 9), as in the book's first figure
        assertEquals("ankle boot", FashionMnist.textLabels(d.trainLabels().narrow(0, 0, 1)).get(0));
    }
}
