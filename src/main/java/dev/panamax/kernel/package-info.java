// SPDX-License-Identifier: Apache-2.0
/**
 * Kernels over raw arrays; nothing here knows {@link dev.panamax.Tensor}. Each Vector API kernel
 * ({@code VectorKernels}, {@code SgemmVectorKernel}, ...) has a scalar twin ({@code ScalarKernels},
 * ...), chosen once by {@link dev.panamax.kernel.Simd}: the scalar twins run when the JVM lacks
 * {@code --add-modules jdk.incubator.vector} (one log line says so) or with
 * {@code -Dpanamax.vectorBitSize=0}.
 *
 * <p>{@link dev.panamax.kernel.Gemm} is the GEMM entry point and the backend switch
 * ({@code panamax.backend}, {@code panamax.threads}); {@code JavaGemm} is the packed BLIS-style
 * GEMM; other backends plug in through {@link dev.panamax.kernel.GemmBackend.Provider}. The fused
 * kernels: {@link dev.panamax.kernel.LinearKernel}, {@link dev.panamax.kernel.DropoutKernel},
 * {@link dev.panamax.kernel.SoftmaxCrossEntropyKernel}.
 *
 * <p>The java GEMM's threads ({@code GemmPool}: the caller and daemon workers) also take ranges of
 * element-wise work over large arrays ({@code Split}: {@code Kernels.axpy} and {@code Kernels.fill}
 * from 64K elements, the optimizer's update and the zeroing of gradients) and, between products,
 * background tasks ({@link dev.panamax.kernel.Gemm#runWhenIdle}: a prefetching loader's batches).
 */
package dev.panamax.kernel;
