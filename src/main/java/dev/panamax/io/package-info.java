// SPDX-License-Identifier: Apache-2.0
/**
 * Checkpoints: tensors to and from the safetensors format ({@link dev.panamax.io.SafeTensors}), so
 * weights move between panamax and PyTorch; a module's parameters ({@link dev.panamax.io.Checkpoint});
 * a whole training run, optimizer, schedule and generators included ({@link dev.panamax.io.RunCheckpoint}).
 *
 * <p>Depends on {@code dev.panamax}, {@code nn} and {@code optim}; nn and optim know nothing of files.
 */
package dev.panamax.io;
