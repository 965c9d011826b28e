// SPDX-License-Identifier: Apache-2.0
package dev.panamax.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM for tests that start one: this JVM's {@code java}, and the flags
 * of this JVM that choose the vector instructions ({@code -XX:UseAVX=2} when the tests run the AVX2
 * path on an AVX-512 machine), so the child runs on the same ISA as the test that checks its output.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** This JVM's java binary and its ISA flags, then args; a new mutable list. */
    public static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:UseAVX=") || a.startsWith("-XX:MaxVectorSize=") || a.startsWith("-XX:UseSSE=")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of(args));
        return cmd;
    }
}
