// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A CSV file that cannot be read as a table: the message names the file, the line (counted from 1,
 * the header being line 1) and the column where the problem is, and what was expected.
 */
public class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CsvFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
