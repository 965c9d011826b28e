// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import dev.panamax.kernel.Gemm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options every sample takes: {@code --epochs N --seed S --threads T --backend B --out DIR
 * --limit N --data DIR}, each also as {@code --name=value}, and {@code --help}. Every sample
 * accepts all of them (so one command line fits them all, as {@code verify/samples} uses), and its
 * {@code --help} says which ones it uses and their defaults. A bad option or value prints one line
 * naming the option and what it accepts, and exits with status 2.
 */
public final class SampleArgs {
    /** Exit status of a bad command line, as the shell tools use it. */
    public static final int USAGE_EXIT = 2;

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
    /** --resume: continue from the checkpoint in --out (samples that train with Trainer save one after every epoch). */
    public final boolean resume;
    /** The sample's own defaults, to tell the settings of the book from the ones of a run. */
    public final Usage usage;

    /**
     * What a sample tells {@code --help}: its name, what it shows, its epochs and what they count,
     * which of the common options it uses (space separated, e.g. {@code "seed threads out"}), and
     * what its --data folder holds (null: Fashion-MNIST, found or downloaded).
     */
    public record Usage(String name, String summary, int epochs, String epochsMeaning, String uses, String dataMeaning) {
        public Usage(String name, String summary, int epochs, String epochsMeaning, String uses) {
            this(name, summary, epochs, epochsMeaning, uses, null);
        }

        boolean uses(String option) {
            return option.equals("epochs") ? epochsMeaning != null : List.of(uses.split(" ")).contains(option);
        }
    }

    /** A bad command line: the message is the whole report. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** --help was given. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("--help", null, false, false);
        }
    }

    /** The options: name, argument, what it sets. */
    private static final List<String[]> OPTIONS = List.of(
            new String[] {"epochs", "N", "a whole number >= 1"},
            new String[] {"seed", "S", "a whole number (64-bit)"},
            new String[] {"threads", "T", "a whole number from 1 to 1024"},
            new String[] {"backend", "B", "java, openblas or auto"},
            new String[] {"out", "DIR", "a folder (created if missing)"},
            new String[] {"limit", "N", "a whole number >= 0 (0: all)"},
            new String[] {"data", "DIR", "a folder holding Fashion-MNIST's four files"},
            new String[] {"resume", "", "no value, or true / false"});

    private SampleArgs(Usage usage, Map<String, String> o) {
        this.usage = usage;
        this.name = usage.name();
        this.epochs = (int) number(o, "epochs", Integer.toString(usage.epochs()), 1, Integer.MAX_VALUE);
        this.seed = number(o, "seed", "0", Long.MIN_VALUE, Long.MAX_VALUE);
        this.threads = (int) number(o, "threads", Integer.toString(Runtime.getRuntime().availableProcessors()), 1, 1024);
        this.backend = o.getOrDefault("backend", "auto");
        if (!List.of("java", "openblas", "auto").contains(backend)) {
            throw bad("backend", backend, "java, openblas or auto");
        }
        this.limit = (int) number(o, "limit", "0", 0, Integer.MAX_VALUE);
        String r = o.getOrDefault("resume", "false");
        if (!r.equals("true") && !r.equals("false")) {
            throw bad("resume", r, "no value, or true / false");
        }
        this.resume = r.equals("true");
        this.out = Path.of(o.getOrDefault("out", "out/" + name));
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw bad("out", out.toString(), "a folder, and this is a file");
        }
        if (o.containsKey("data")) {
            this.data = Path.of(o.get("data"));
            if (!Files.isDirectory(data)) {
                throw bad("data", o.get("data"), Files.exists(data) ? "a folder, and this is a file" : "a folder, and none is there");
            }
        } else {
            this.data = null;
        }
    }

    /** Creates out (and its parents) and checks that a file can be written in it, before any work is done. */
    private void writable(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".panamax-", ".tmp"));
        } catch (java.io.IOException | SecurityException e) {
            String why = switch (e) {
                case java.nio.file.AccessDeniedException a -> "permission denied";
                case java.nio.file.FileAlreadyExistsException f -> "a file is in the way";
                case java.nio.file.NoSuchFileException n -> "no such folder, and it cannot be created";
                case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason().toLowerCase(Locale.ROOT);
                default -> e.getClass().getSimpleName();
            };
            throw new UsageException(name + ": --out '" + clip(dir.toString()) + "': expected a folder that can be created and written ("
                    + why + ")");
        }
    }

    /**
     * Parses argv for the sample of usage; applies --threads and --backend to the kernels; creates
     * the --out folder and checks that it can be written in. On
     * {@code --help} prints the sample's options and exits 0; on a bad option prints one line to
     * standard error and exits 2.
     */
    public static SampleArgs parse(Usage usage, String[] argv) {
        try {
            SampleArgs args = read(usage, argv);
            if (usage.uses("out")) { // here, not in parseOrThrow, which touches no file
                args.writable(args.out);
            }
            return args.apply();
        } catch (HelpRequested h) {
            System.out.print(help(usage));
            System.exit(0);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(USAGE_EXIT);
        }
        throw new AssertionError("unreachable");
    }

    /** {@link #parse} without printing, exiting or touching a file: throws UsageException or HelpRequested. */
    static SampleArgs parseOrThrow(Usage usage, String[] argv) {
        return read(usage, argv).apply();
    }

    /** The options of argv, checked; nothing applied yet. */
    private static SampleArgs read(Usage usage, String[] argv) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new HelpRequested();
            }
            if (!a.startsWith("--")) {
                throw new UsageException(usage.name() + ": unexpected argument '" + clip(a) + "'; options are --NAME VALUE (see --help)");
            }
            int eq = a.indexOf('=');
            String key = a.substring(2, eq < 0 ? a.length() : eq);
            if (OPTIONS.stream().noneMatch(opt -> opt[0].equals(key))) {
                throw new UsageException(usage.name() + ": unknown option '" + clip(a) + "'; known: " + known() + " (see --help)");
            }
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (key.equals("resume")) { // a flag
                value = "true";
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                value = argv[++i];
            } else {
                throw new UsageException(usage.name() + ": --" + key + " needs a value: " + accepts(key));
            }
            if (o.put(key, value) != null) {
                throw new UsageException(usage.name() + ": --" + key + " is given twice");
            }
        }
        return new SampleArgs(usage, o);
    }

    /** Applies --threads and --backend to the kernels; returns this. */
    private SampleArgs apply() {
        Gemm.setThreads(threads);
        try {
            Gemm.setBackend(backend);
        } catch (IllegalStateException e) { // openblas asked for where it does not load: the reason is in the message
            throw new UsageException(name + ": --backend openblas: " + clip(e.getMessage()));
        }
        return this;
    }

    /** The text of --help for the sample of usage. */
    static String help(Usage u) {
        StringBuilder b = new StringBuilder();
        b.append("usage: samples/run ").append(u.name()).append(" [OPTIONS]\n");
        b.append(u.summary()).append("\n\noptions this sample uses (default in brackets):\n");
        List<String> ignored = new ArrayList<>();
        for (String[] opt : OPTIONS) {
            if (!u.uses(opt[0])) {
                ignored.add("--" + opt[0]);
                continue;
            }
            String line = String.format(Locale.ROOT, "  --%-12s %s", opt[0] + " " + opt[1], meaning(u, opt[0]));
            String dflt = "[" + byDefault(u, opt[0]) + "]";
            // a long default goes on a line of its own, under the text
            b.append(line).append(line.length() + dflt.length() < 100 ? " " : "\n" + " ".repeat(17)).append(dflt).append('\n');
        }
        b.append(String.format(Locale.ROOT, "  --%-12s %s%n", "help", "this text"));
        if (!ignored.isEmpty()) {
            b.append("accepted and ignored here: ").append(String.join(" ", ignored)).append('\n');
        }
        return b.toString();
    }

    private static String meaning(Usage u, String option) {
        return switch (option) {
            case "epochs" -> u.epochsMeaning();
            case "seed" -> "seed of every random draw (weights, data order, dropout)";
            case "threads" -> "threads of the matrix products";
            case "backend" -> "matrix products: java, openblas, or auto (openblas when it loads and is as wide as java here)";
            case "out" -> "folder for the PNG and CSV files";
            case "limit" -> "train on the first N training images only (0: all 60,000)";
            case "data" -> u.dataMeaning() != null ? u.dataMeaning()
                    : "Fashion-MNIST folder: used, or refused if it lacks a file; never replaced by another copy";
            case "resume" -> "continue from the run's checkpoint in the --out folder (run.ckpt, saved after every epoch)";
            default -> throw new IllegalArgumentException(option);
        };
    }

    private static String byDefault(Usage u, String option) {
        return switch (option) {
            case "epochs" -> Integer.toString(u.epochs());
            case "seed" -> "0";
            case "threads" -> Runtime.getRuntime().availableProcessors() + ": the cores";
            case "backend" -> "auto";
            case "out" -> "out/" + u.name();
            case "limit" -> "0";
            case "data" -> u.dataMeaning() != null ? "none: required"
                    : "PANAMAX_DATA, else ~/.cache/panamax/fashion-mnist, /usr/share/datasets/fashion-mnist, else download";
            case "resume" -> "off: start afresh";
            default -> throw new IllegalArgumentException(option);
        };
    }

    private long number(Map<String, String> o, String key, String fallback, long min, long max) {
        String v = o.getOrDefault(key, fallback);
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw bad(key, v, accepts(key));
        }
        if (n < min || n > max) {
            throw bad(key, v, accepts(key));
        }
        return n;
    }

    private UsageException bad(String key, String value, String expected) {
        return new UsageException(name + ": --" + key + " '" + clip(value) + "': expected " + expected);
    }

    private static String accepts(String key) {
        return OPTIONS.stream().filter(o -> o[0].equals(key)).findFirst().orElseThrow()[2];
    }

    private static String known() {
        return String.join(" ", OPTIONS.stream().map(o -> "--" + o[0]).toList()) + " --help";
    }

    /** At most 80 characters of s, so that a message stays one line. */
    private static String clip(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }

    /** Prints the files a sample wrote, one line: {@code wrote: out/mlp-concise/{training.png, history.csv}}. */
    void wrote(String... files) {
        // only those that are there: without XChart no chart is drawn
        List<String> there = java.util.Arrays.stream(files).filter(f -> Files.isRegularFile(out.resolve(f))).toList();
        if (!there.isEmpty()) {
            System.out.println("wrote: " + out + "/" + (there.size() == 1 ? there.get(0) : "{" + String.join(", ", there) + "}"));
        }
    }

    /** Prints "name: message" in one line to standard error and exits with status; for errors after parsing (a data folder that lacks a file). */
    static void fail(String name, String message, int status) {
        System.err.println(name + ": " + message);
        System.exit(status);
    }
}
