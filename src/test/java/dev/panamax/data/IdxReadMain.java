// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import java.nio.file.Path;
import java.util.Arrays;

/** Run in a child JVM with a small heap by {@link HostileIdxTest}: reads each file, prints the outcome. */
final class IdxReadMain {
    private IdxReadMain() {}

    public static void main(String[] args) {
        for (String f : args) {
            try {
                System.out.println("read " + f + " -> " + Arrays.toString(Idx.read(Path.of(f)).shape()));
            } catch (Throwable t) {
                System.out.println("read " + f + " -> " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }
}
