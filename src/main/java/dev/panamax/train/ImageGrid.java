// SPDX-License-Identifier: Apache-2.0
package dev.panamax.train;

import dev.panamax.Shape;
import dev.panamax.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG grid of square grayscale images, each upscaled with a two-line title above it (the book's
 * {@code show_images} with {@code titles}): plain java.awt in headless mode.
 */
public final class ImageGrid {
    private static final int SCALE = 3;
    private static final int PAD = 6;
    private static final int TITLE = 30;
    private static final int CAPTION = 18;

    private ImageGrid() {}

    /**
     * Writes images[i] (one row of a [N, side*side] or [N, 1, side, side] tensor, values in [0, 1]
     * or 0..255) in a grid of up to cols columns, with titles.get(i) ("line 1\nline 2") above each.
     * A title whose second line differs from its first is drawn in red (a wrong prediction).
     *
     * @param images Not modified.
     */
    public static void write(Path png, Tensor images, List<String> titles, int cols) throws IOException {
        write(png, images, titles, cols, null);
    }

    /**
     * {@link #write(Path, Tensor, List, int)} under a caption line that says how to read the
     * titles, e.g. {@code "true / predicted (red: wrong)"}; a null or blank caption draws none.
     *
     * @param images Not modified.
     */
    public static void write(Path png, Tensor images, List<String> titles, int cols, String caption) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int n = images.size(0);
        int pixels = images.numel() / Math.max(1, n);
        int side = (int) Math.round(Math.sqrt(pixels));
        if (side * side != pixels || titles.size() != n) {
            throw new IllegalArgumentException("ImageGrid.write: images " + Shape.str(images.shape()) + " with " + titles.size()
                    + " titles: expected N square images and N titles");
        }
        double max = n == 0 ? 1 : images.max().item();
        double scale = max > 1 ? 255 : 1;
        int c = Math.max(1, Math.min(cols, n)), r = Math.max(1, (n + c - 1) / c);
        int cell = side * SCALE;
        int top = caption == null || caption.isBlank() ? 0 : CAPTION;
        BufferedImage img = new BufferedImage(c * (cell + PAD) + PAD, top + r * (cell + TITLE + PAD) + PAD, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics fm = g.getFontMetrics();
            if (top > 0) {
                g.setColor(Color.BLACK);
                g.drawString(caption, PAD, PAD + fm.getAscent());
            }
            for (int k = 0; k < n; k++) {
                int x0 = PAD + (k % c) * (cell + PAD), y0 = top + PAD + (k / c) * (cell + TITLE + PAD);
                String[] lines = titles.get(k).split("\n", 2);
                boolean wrong = lines.length == 2 && !lines[0].equals(lines[1]);
                g.setColor(wrong ? new Color(200, 0, 0) : Color.BLACK);
                for (int l = 0; l < lines.length; l++) {
                    String t = lines[l];
                    g.drawString(t, x0 + Math.max(0, (cell - fm.stringWidth(t)) / 2), y0 + fm.getAscent() + l * (fm.getHeight()));
                }
                for (int i = 0; i < side; i++) {
                    for (int j = 0; j < side; j++) {
                        double v = Math.clamp(images.getFlat(k * pixels + i * side + j) / scale, 0.0, 1.0);
                        int gray = (int) Math.round(255 * v); // the data as it is: 0 black, 1 white
                        g.setColor(new Color(gray, gray, gray));
                        g.fillRect(x0 + j * SCALE, y0 + TITLE + i * SCALE, SCALE, SCALE);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        Charts.replace(png, bytes.toByteArray());
    }
}
