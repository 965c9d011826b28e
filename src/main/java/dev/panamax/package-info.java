// SPDX-License-Identifier: Apache-2.0
/**
 * The user's first contact: {@link dev.panamax.Tensor} (float32 or float64, row-major heap arrays,
 * PyTorch's names in camelCase), {@link dev.panamax.DType}, {@link dev.panamax.Shape},
 * {@link dev.panamax.Generator} (seeded, the same numbers on every machine) and
 * {@link dev.panamax.Backend} (which GEMM and vector species run).
 *
 * <p>The ops live in small package-private classes, each op's forward and backward side by side:
 * {@code Elementwise} (broadcasting), {@code Reductions}, {@code ShapeOps}, {@code LinAlg}
 * (matmul through {@link dev.panamax.kernel.Gemm}). Derived ops (logSoftmax, softmax, norm, mean)
 * are written in terms of these primitives.
 */
package dev.panamax;
