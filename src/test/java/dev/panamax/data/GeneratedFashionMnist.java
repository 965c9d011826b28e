// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import dev.panamax.Generator;
import dev.panamax.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small, learnable stand-in for Fashion-MNIST in its own file format, for tests that train: each
 * image of class c is a bright band at rows 3c to 3c+2 over noise.
 */
public final class GeneratedFashionMnist {
    private GeneratedFashionMnist() {}

    /** Writes the four IDX files (plain) into dir; returns dir. */
    public static Path write(Path dir, int nTrain, int nTest, long seed) throws IOException {
        Files.createDirectories(dir);
        Generator g = new Generator(seed);
        for (String kind : List.of("train", "t10k")) {
            int n = kind.equals("train") ? nTrain : nTest;
            Tensor labels = Tensor.zeros(n), images = Tensor.zeros(n, 28, 28);
            float[] px = images.f32();
            for (int i = 0; i < n; i++) {
                int label = g.nextInt(10);
                labels.f32()[i] = label;
                for (int p = 0; p < 784; p++) {
                    px[i * 784 + p] = (p / 28 / 3 == label ? 180 : 0) + g.nextInt(60);
                }
            }
            Idx.write(dir.resolve(kind + "-images-idx3-ubyte"), images, Idx.Type.UBYTE);
            Idx.write(dir.resolve(kind + "-labels-idx1-ubyte"), labels, Idx.Type.UBYTE);
        }
        return dir;
    }
}
