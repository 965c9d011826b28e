// SPDX-License-Identifier: Apache-2.0
package dev.panamax.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a valid safetensors file, or one that panamax cannot hold: the message names
 * the file, what is wrong and, where it helps, what to do.
 */
public class SafeTensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SafeTensorsFormatException(Path file, String problem) {
        super(file + ": not a valid safetensors file: " + problem);
    }

    public SafeTensorsFormatException(Path file, String problem, Throwable cause) {
        super(file + ": not a valid safetensors file: " + problem, cause);
    }

    private SafeTensorsFormatException(String message) {
        super(message);
    }

    /** A valid file this JVM cannot hold: the message names the file and the problem only. */
    static SafeTensorsFormatException cannotHold(Path file, String problem) {
        return new SafeTensorsFormatException(file + ": " + problem);
    }
}
