// SPDX-License-Identifier: Apache-2.0
/**
 * OpenBLAS through {@code java.lang.foreign}, found at run time ({@code panamax.openblas.path},
 * {@code PANAMAX_OPENBLAS}, each a path or a bare soname; the loader's search path; Debian's
 * folders), checked as an ELF file the loader can map before it is loaded, and accepted only if
 * it exports {@code openblas_get_config}. It registers the {@code openblas} GEMM backend with
 * {@link java.util.ServiceLoader}; when it is absent the pure-Java kernels run.
 */
package dev.panamax.blas;
