// SPDX-License-Identifier: Apache-2.0
package dev.panamax.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.train.Charts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads the axes and point ranges a chart records in its PNG and checks that every point is inside the plot. */
public final class ChartRanges {
    private ChartRanges() {}

    /** The text of png's tEXt chunk with the given keyword, or null. */
    public static String text(Path png, String keyword) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(png));
        b.position(8);
        while (b.remaining() >= 12) {
            int len = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            byte[] data = new byte[len];
            b.get(data);
            b.getInt(); // CRC
            String s = new String(data, StandardCharsets.ISO_8859_1);
            if (new String(type, StandardCharsets.US_ASCII).equals("tEXt") && s.startsWith(keyword + "\0")) {
                return s.substring(keyword.length() + 1);
            }
        }
        return null;
    }

    /** Fails unless png records its ranges and every drawn point lies within both axes. */
    public static void assertAllPointsInside(Path png) throws IOException {
        String ranges = text(png, Charts.RANGES_KEY);
        assertNotNull(ranges, png + " records its ranges");
        Map<String, String> m = new HashMap<>();
        for (String kv : ranges.split(" ")) {
            m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        for (String axis : new String[] {"x", "y"}) {
            String data = m.get("data-" + axis);
            if (data.equals("none")) {
                continue;
            }
            String[] a = m.get(axis).split(","), d = data.split(",");
            double lo = Double.parseDouble(a[0]), hi = Double.parseDouble(a[1]);
            assertTrue(lo <= Double.parseDouble(d[0]) && Double.parseDouble(d[1]) <= hi,
                    png.getFileName() + ": the points' " + axis + " range " + data + " lies inside the axis " + m.get(axis));
        }
    }
}
