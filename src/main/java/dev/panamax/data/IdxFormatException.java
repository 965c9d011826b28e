// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a well-formed IDX file: the message names the file, what is wrong with it and
 * what was expected.
 */
public class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(Path file, String problem) {
        super(file + ": not a valid IDX file: " + problem);
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": not a valid IDX file: " + problem, cause);
    }
}
