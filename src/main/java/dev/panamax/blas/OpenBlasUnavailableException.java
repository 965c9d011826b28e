// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

/**
 * OpenBLAS could not be used: the file is missing, is not a shared library, or is a BLAS that is
 * not OpenBLAS. The message says which file was tried and what to do about it.
 */
public final class OpenBlasUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public OpenBlasUnavailableException(String message) {
        super(message);
    }

    public OpenBlasUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
