// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import java.nio.file.Path;

/** Run in a child JVM with a small heap by {@link HostileCheckpointTest}: reads each file, prints the outcome. */
final class SafeTensorsReadMain {
    private SafeTensorsReadMain() {}

    public static void main(String[] args) {
        for (String f : args) {
            try {
                System.out.println("read " + f + " -> " + SafeTensors.read(Path.of(f)).size() + " tensors");
            } catch (Throwable t) {
                System.out.println("read " + f + " -> " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }
}
