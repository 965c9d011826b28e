// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import dev.panamax.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.testing.Pom;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use it in your project": samples/embed is a project of its own. Its pom must name
 * this build's coordinates and XChart set, its README must show its class as it is, and the class
 * must compile against the build's classes and run with the documented flags in the three documented
 * ways (class path, module path, java -jar with the Enable-Native-Access manifest attribute).
 * A nested Maven build would take about as long as the rest of the suite, so the test does what
 * that build does with javax.tools and java.util.jar instead.
 */
class EmbedExampleTest {
    static final Path EMBED = Path.of("samples", "embed");
    static final Path SOURCE = EMBED.resolve("src/main/java/com/example/FirstModel.java");
    static final String MAIN = "com.example.FirstModel";
    static final String VECTOR = "jdk.incubator.vector";
    /** target/classes, or target/bench/classes under -Pbench: where this run's panamax classes are. */
    static final Path BUILD;

    static {
        try {
            BUILD = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    static Path dir;
    static Path classes;
    static List<String> xchart;

    @BeforeAll
    static void compileTheExampleAgainstThisBuild() throws IOException {
        classes = Files.createDirectories(dir.resolve("classes"));
        xchart = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("xchart") || p.contains("VectorGraphics2D")).toList();
        assertEquals(2, xchart.size(), "xchart and VectorGraphics2D on the test class path: " + xchart);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, err, err, "--release", Pom.project().property("maven.compiler.release"),
                "-Xlint:all", "-Werror", "-cp", BUILD.toString(), "-d", classes.toString(), SOURCE.toString());
        assertEquals(0, rc, () -> "javac " + SOURCE + ":\n" + err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void thePomNamesThisBuildAndItsXChartSet() {
        Pom project = Pom.project();
        Pom example = Pom.read(EMBED.resolve("pom.xml"));
        Pom.Dependency panamax = example.dependency(project.groupId() + ":" + project.artifactId());
        assertEquals(project.version(), panamax.version(), "samples/embed/pom.xml: the panamax version");
        assertNull(panamax.scope(), "compile scope from the local repository, not system scope");
        Pom.Dependency ours = project.dependency("org.knowm.xchart:xchart");
        Pom.Dependency theirs = example.dependency("org.knowm.xchart:xchart");
        assertEquals(ours.version(), theirs.version(), "samples/embed/pom.xml: the XChart version");
        assertEquals(ours.exclusions(), theirs.exclusions(), "samples/embed/pom.xml: the XChart exclusions");
        assertEquals(project.property("maven.compiler.release"), example.property("maven.compiler.release"));
    }

    @Test
    void theReadmeShowsTheExampleAsItIsAndTheCoordinates() throws IOException {
        String section = readmeSection("## Use it in your project");
        String code = Files.readString(SOURCE).replaceFirst("^// SPDX-License-Identifier: [^\n]*\n", "");   // the README shows the class, not its licence line
        String own = Files.readString(EMBED.resolve("README.md"));
        assertTrue(own.contains("```java\n" + code + "```"), "samples/embed/README.md shows " + SOURCE + " verbatim");
        assertTrue(section.contains("samples/embed/README.md"), "README \"Use it in your project\" links samples/embed/README.md");
        Pom project = Pom.project();
        for (String tag : List.of("<groupId>" + project.groupId() + "</groupId>", "<artifactId>" + project.artifactId() + "</artifactId>",
                "<version>" + project.version() + "</version>", "--add-modules " + VECTOR, "--enable-native-access=ALL-UNNAMED",
                "Enable-Native-Access")) {
            assertTrue(section.contains(tag), () -> "README \"Use it in your project\" names " + tag);
        }
    }

    @Test
    void runsOnTheClassPath() throws Exception {
        List<String> cp = new ArrayList<>(List.of(classes.toString(), BUILD.toString()));
        cp.addAll(xchart);
        check(run(List.of("--add-modules", VECTOR, "--enable-native-access=ALL-UNNAMED",
                "-cp", String.join(File.pathSeparator, cp), MAIN), "classpath"), "classpath");
    }

    @Test
    void runsWithPanamaxOnTheModulePath() throws Exception {
        String pomText = Files.readString(Path.of("pom.xml"));
        assertTrue(pomText.contains("<Automatic-Module-Name>dev.panamax</Automatic-Module-Name>"), "the jar's module name");
        Path jar = dir.resolve("modules/panamax.jar");
        Manifest m = manifest();
        m.getMainAttributes().putValue("Automatic-Module-Name", "dev.panamax");
        jar(jar, m, BUILD);
        List<String> cp = new ArrayList<>(List.of(classes.toString()));
        cp.addAll(xchart);
        check(run(List.of("--add-modules", VECTOR + ",dev.panamax", "--enable-native-access=dev.panamax",
                "-p", jar.toString(), "-cp", String.join(File.pathSeparator, cp), MAIN), "modulepath"), "modulepath");
    }

    @Test
    void runsAsAnExecutableJarWithTheManifestsNativeAccess() throws Exception {
        // The layout the example's pom builds: the app jar, and lib/ with panamax and XChart.
        Path app = dir.resolve("app");
        Path lib = Files.createDirectories(app.resolve("lib"));
        jar(lib.resolve("panamax.jar"), manifest(), BUILD);
        List<String> classPath = new ArrayList<>(List.of("lib/panamax.jar"));
        for (String x : xchart) {
            Path p = Path.of(x);
            Files.copy(p, lib.resolve(p.getFileName()));
            classPath.add("lib/" + p.getFileName());
        }
        Manifest m = manifest();
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN);
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        m.getMainAttributes().putValue("Enable-Native-Access", "ALL-UNNAMED");
        jar(app.resolve("first-model.jar"), m, classes);
        check(run(List.of("--add-modules", VECTOR, "-jar", app.resolve("first-model.jar").toString()), "jar"), "jar");
    }

    record Run(int exit, String out, String err, Path dir) {}

    private static Run run(List<String> javaArgs, String name) throws Exception {
        Path out = dir.resolve("out-" + name);
        List<String> cmd = new ArrayList<>();
        cmd.addAll(ChildJvm.command());
        cmd.addAll(javaArgs);
        cmd.add(out.toString());
        Path err = dir.resolve("err-" + name + ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), stdout, Files.readString(err), out);
    }

    private static void check(Run r, String how) throws IOException {
        String both = how + ": stdout:\n" + tail(r.out()) + "\nstderr:\n" + tail(r.err());
        assertEquals(0, r.exit(), both);
        double acc = number(r.out(), "(?m)^test accuracy ([0-9.]+)$", both);
        assertTrue(acc >= 0.9, "an MLP learns XOR: " + both);
        assertEquals(acc, number(r.out(), "(?m)^reloaded test accuracy ([0-9.]+)$", both), "the reloaded weights: " + both);
        assertFalse(r.err().contains("restricted method"), "the documented flags grant native access: " + both);
        assertFalse((r.out() + r.err()).contains("running the scalar kernels"), "the documented flags give the Vector API kernels: " + both);
        assertFalse(r.out().contains("XChart is not on the class path"), both);
        byte[] png = Files.readAllBytes(r.dir().resolve("training.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "training.png is a PNG");
        assertTrue(Files.size(r.dir().resolve("first-model.safetensors")) > 32 * 2 * 4, "the weights are saved");
    }

    private static double number(String text, String regex, String context) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> "no line matching " + regex + ": " + context);
        return Double.parseDouble(m.group(1));
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
    }

    private static String readmeSection(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README has a section " + heading);
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static Manifest manifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return m;
    }

    /** Writes the files under root into a jar at path with manifest m. */
    private static void jar(Path path, Manifest m, Path root) throws IOException {
        Files.createDirectories(path.getParent());
        try (OutputStream os = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(os, m);
             Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(root.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
    }
}
