// SPDX-License-Identifier: Apache-2.0
/**
 * Checkpoints: tensors to and from the safetensors format ({@link dev.panamax.io.SafeTensors}), so
 * weights move between panamax and PyTorch.
 *
 * <p>Depends on {@code dev.panamax} only; {@code nn} builds {@code Module.save} / {@code load} on it.
 */
package dev.panamax.io;
