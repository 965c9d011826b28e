// SPDX-License-Identifier: Apache-2.0
/**
 * The define-by-run graph. An op records itself with {@link dev.panamax.autograd.Graph} (what it
 * read, what it saves, its backward rule); {@link dev.panamax.autograd.Autograd#backward} walks the
 * recorded {@link dev.panamax.autograd.Node}s in reverse topological order, accumulating gradients
 * (+=) into the leaves' {@code grad()}. Also here: the no-grad scope, anomaly mode, the version
 * check that catches an in-place change to a saved tensor, and the freed-graph check.
 */
package dev.panamax.autograd;
