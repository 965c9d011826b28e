// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options every sample takes: {@code --epochs N --seed S --threads T --backend B --out DIR
 * --limit N --data DIR}. Unknown options are an error that lists the known ones.
 */
public final class SampleArgs {
    public final String name;
    public final int epochs;
    public final long seed;
    public final int threads;
    public final String backend;
    public final Path out;
    /** Training examples to use (0: all). */
    public final int limit;
    /** Where Fashion-MNIST is, or null to search the usual places. */
    public final Path data;

    private SampleArgs(String name, Map<String, String> o, int defaultEpochs) {
        this.name = name;
        this.epochs = Integer.parseInt(o.getOrDefault("epochs", Integer.toString(defaultEpochs)));
        this.seed = Long.parseLong(o.getOrDefault("seed", "0"));
        this.threads = Integer.parseInt(o.getOrDefault("threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        this.backend = o.getOrDefault("backend", System.getProperty("panamax.backend", "auto"));
        this.out = Path.of(o.getOrDefault("out", "out/" + name));
        this.limit = Integer.parseInt(o.getOrDefault("limit", "0"));
        this.data = o.containsKey("data") ? Path.of(o.get("data")) : null;
        if (epochs < 1 || threads < 1 || limit < 0) {
            throw new IllegalArgumentException(name + ": --epochs and --threads must be at least 1, --limit at least 0");
        }
    }

    /** Parses args; applies --threads and --backend to the kernels. */
    public static SampleArgs parse(String name, String[] args, int defaultEpochs) {
        List<String> known = List.of("epochs", "seed", "threads", "backend", "out", "limit", "data");
        Map<String, String> o = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            String key = a.startsWith("--") ? a.substring(2) : null;
            if (key == null || !known.contains(key) || i + 1 >= rest.size()) {
                throw new IllegalArgumentException(name + ": unknown or incomplete option '" + a + "'; options: --"
                        + String.join(" N, --", known) + " N");
            }
            o.put(key, rest.get(++i));
        }
        SampleArgs s = new SampleArgs(name, o, defaultEpochs);
        dev.panamax.kernel.Gemm.setThreads(s.threads);
        dev.panamax.kernel.Gemm.setBackend(s.backend);
        return s;
    }
}
