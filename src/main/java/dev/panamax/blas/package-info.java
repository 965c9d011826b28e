// SPDX-License-Identifier: Apache-2.0
/**
 * OpenBLAS through {@code java.lang.foreign}, found at run time ({@code panamax.openblas.path},
 * {@code PANAMAX_OPENBLAS}, the system loader, Debian's folders) and accepted only if it exports
 * {@code openblas_get_config}. It registers the {@code openblas} GEMM backend with
 * {@link java.util.ServiceLoader}; when it is absent the pure-Java kernels run.
 */
package dev.panamax.blas;
