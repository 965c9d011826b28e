// SPDX-License-Identifier: Apache-2.0
package dev.panamax.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteImagesTest {

    @Test
    void batchesAreFloat32PixelsOver255WithTheirLabels() {
        byte[] px = new byte[3 * 2 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 23); // wraps past 127: read as unsigned
        }
        ByteImages set = new ByteImages(px, new float[] {4, 7, 9}, 3, 2, 2);
        DataLoader.Batch b = set.get(new int[] {2, 0});
        assertArrayEquals(new int[] {2, 1, 2, 2}, b.x().shape());
        for (int p = 0; p < 4; p++) {
            assertEquals((px[8 + p] & 0xFF) / 255f, b.x().f32()[p]);
            assertEquals((px[p] & 0xFF) / 255f, b.x().f32()[4 + p]);
        }
        assertArrayEquals(new float[] {9, 4}, b.y().toFloatArray());
        assertEquals(1f, new ByteImages(new byte[] {(byte) 255}, new float[] {0}, 1, 1, 1).images().item(), 0f);
        assertEquals(2, set.head(2).size());
        assertArrayEquals(set.get(new int[] {1}).x().toFloatArray(), set.head(2).get(new int[] {1}).x().toFloatArray());
        assertThrows(IndexOutOfBoundsException.class, () -> set.get(new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> new ByteImages(px, new float[2], 3, 2, 2));
    }

    @Test
    void piecesMakeTheBatchGetMakesInAnyOrder() {
        int count = 300, hw = 28 * 28;
        byte[] px = new byte[count * hw];
        float[] labels = new float[count];
        java.util.Random r = new java.util.Random(5);
        r.nextBytes(px);
        for (int i = 0; i < count; i++) {
            labels[i] = r.nextInt(10);
        }
        ByteImages set = new ByteImages(px, labels, count, 28, 28);
        int[] idx = new int[257]; // pieces of 41 images: the last one partial
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.nextInt(count);
        }
        DataLoader.Parts parts = set.parts(idx);
        int n = parts.count();
        assertEquals((idx.length + ByteImages.PIECE_PIXELS / hw - 1) / (ByteImages.PIECE_PIXELS / hw), n);
        for (int piece = n - 1; piece >= 0; piece--) {
            parts.make(piece);
        }
        DataLoader.Batch whole = set.get(idx), pieced = parts.batch();
        assertArrayEquals(whole.x().shape(), pieced.x().shape());
        assertArrayEquals(whole.x().f32(), pieced.x().f32());
        assertArrayEquals(whole.y().f32(), pieced.y().f32());
        // One image larger than a piece: a piece per image.
        assertEquals(2, new ByteImages(new byte[2 * 200 * 200], new float[2], 2, 200, 200).parts(new int[] {1, 0}).count());
        assertThrows(IndexOutOfBoundsException.class, () -> set.parts(new int[] {0, count}));
    }

    @Test
    void readUbyteKeepsTheBytesAndRefusesOtherTypes(@TempDir Path dir) throws Exception {
        Tensor t = Tensor.fromArray(new float[] {0, 128, 255, 7, 1, 2}, 1, 2, 3);
        Path f = dir.resolve("x-idx3-ubyte.gz");
        Idx.write(f, t, Idx.Type.UBYTE);
        Idx.Ubyte u = Idx.readUbyte(f, 3);
        assertArrayEquals(new int[] {1, 2, 3}, u.shape());
        assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255, 7, 1, 2}, u.data());
        Path g = dir.resolve("y-idx3-float");
        Idx.write(g, t, Idx.Type.FLOAT);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readUbyte(g, 3));
        assertTrue(e.getMessage().contains("expected a ubyte"), e.getMessage());
    }
}
