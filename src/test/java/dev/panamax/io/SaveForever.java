// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import dev.panamax.Tensor;
import java.nio.file.Path;
import java.util.Map;

/** Run in a child JVM by {@link HostileFilesTest}: saves a 32 MB tensor over and over until killed. */
final class SaveForever {
    private SaveForever() {}

    public static void main(String[] args) throws Exception {
        Map<String, Tensor> big = Map.of("w", Tensor.zeros(8 << 20));
        while (true) {
            SafeTensors.write(Path.of(args[0]), big);
        }
    }
}
