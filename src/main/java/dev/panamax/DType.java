// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

/** Element type of a tensor: float32 for speed, float64 for exact checks. */
public enum DType {
    F32(4, "torch.float32"),
    F64(8, "torch.float64");

    private final int byteSize;
    private final String torchName;

    DType(int byteSize, String torchName) {
        this.byteSize = byteSize;
        this.torchName = torchName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** PyTorch's name of the type, as printed by {@link Tensor#toString()}. */
    public String torchName() {
        return torchName;
    }
}
