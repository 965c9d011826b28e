// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import dev.panamax.Tensor;
import dev.panamax.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A module's parameters as a safetensors file, named as {@link Module#namedParameters()} names them
 * ({@code 0.weight}, {@code lin1.bias}), so PyTorch reads it with {@code safetensors.torch.load_file}
 * into a model of the same structure. (The io layer does this, not the module: nn knows nothing of
 * files.)
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** Writes the module's state dict atomically. Not modified: module. */
    public static void save(Module module, Path file) throws IOException {
        SafeTensors.write(file, module.stateDict(), Map.of("format", "pt", "writer", "panamax"));
    }

    /**
     * Reads a file written by {@link #save} (or by PyTorch) into the module's parameters, strictly:
     * every parameter present, no extra names, shapes equal. Modified: module's parameters.
     */
    public static Module load(Module module, Path file) throws IOException {
        Map<String, Tensor> state = SafeTensors.read(file);
        module.loadStateDict(state, true);
        return module;
    }
}
