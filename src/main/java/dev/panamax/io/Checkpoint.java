// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import dev.panamax.Tensor;
import dev.panamax.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module's parameters as a safetensors file, named as {@link Module#namedParameters()} names them
 * ({@code 0.weight}, {@code lin1.bias}), so PyTorch reads it with {@code safetensors.torch.load_file}
 * into a model of the same structure. (The io layer does this, not the module: nn knows nothing of
 * files.)
 *
 * <pre>{@code
 * Checkpoint.save(net, Path.of("out/mlp.safetensors"));   // torch: model.load_state_dict(load_file(...))
 * Checkpoint.load(sameShapedNet, Path.of("out/mlp.safetensors"));
 * }</pre>
 */
public final class Checkpoint {
    private Checkpoint() {}

    /**
     * Writes the module's state dict atomically, creating missing parent folders; the temporary
     * files of saves killed earlier are removed (see {@link SafeTensors#write(Path, Map, Map)}).
     * Not modified: module.
     */
    public static void save(Module module, Path file) throws IOException {
        SafeTensors.write(file, module.stateDict(), Map.of("format", "pt", "writer", "panamax"));
    }

    /**
     * Reads a file written by {@link #save} (or by PyTorch) into the module's parameters, strictly:
     * every parameter present, no extra names, shapes equal. Modified: module's parameters.
     *
     * @throws SafeTensorsFormatException if the file is not a valid safetensors file
     * @throws IllegalArgumentException if its names or shapes do not match the module's; names
     *     from the file are quoted and escaped, at most {@value #MAX_NAMES_SHOWN} of them shown
     */
    public static Module load(Module module, Path file) throws IOException {
        Map<String, Tensor> state = SafeTensors.read(file);
        // Names from the file are checked here, where they can be quoted: the module's own message
        // would echo them raw.
        Set<String> own = module.stateDict().keySet();
        List<String> unexpected = new ArrayList<>();
        for (String k : state.keySet()) {
            if (!own.contains(k)) {
                unexpected.add(k);
            }
        }
        if (!unexpected.isEmpty()) {
            StringBuilder m = new StringBuilder("Checkpoint.load: " + file + ": " + unexpected.size()
                    + " tensor name(s) match no parameter of the model: ");
            for (int i = 0; i < Math.min(MAX_NAMES_SHOWN, unexpected.size()); i++) {
                m.append(i > 0 ? ", " : "").append(Text.quote(unexpected.get(i)));
            }
            if (unexpected.size() > MAX_NAMES_SHOWN) {
                m.append(", ...");
            }
            throw new IllegalArgumentException(m.append("; the model's are ").append(names(own)).toString());
        }
        module.loadStateDict(state, true);
        return module;
    }

    /** How many names from a file a message shows. */
    static final int MAX_NAMES_SHOWN = 5;

    private static String names(Set<String> own) {
        List<String> l = new ArrayList<>(own);
        String shown = String.join(", ", l.subList(0, Math.min(l.size(), MAX_NAMES_SHOWN)));
        return shown + (l.size() > MAX_NAMES_SHOWN ? ", ... (" + l.size() + ")" : "");
    }
}
