// SPDX-License-Identifier: Apache-2.0
package dev.panamax.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.data.GeneratedHousePrices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The house-prices sample on a generated Kaggle-like CSV, in its own JVM as samples/run starts it. */
class HousePricesSampleTest {
    @Test
    void runsOnTheGeneratedFilesAndWritesItsFiguresChartsAndSubmission(@TempDir Path dir) throws Exception {
        GeneratedHousePrices.write(dir.resolve("kaggle"), 200, 50, 4);
        Object[] r = SamplesSmokeTest.fork("HousePrices", dir, "--data", "kaggle", "--out", "out", "--epochs", "3", "--seed", "1");
        String text = (String) r[1];
        assertEquals(0, r[0], text);
        for (int i = 1; i <= 5; i++) {
            assertTrue(text.contains("fold " + i + ", train log rmse "), text);
        }
        assertTrue(text.contains("the book (the real data): about 0.166 and 0.171"), text);
        String last = text.strip().lines().reduce((a, b) -> b).orElse("");
        for (String key : List.of("train_log_rmse", "valid_log_rmse", "fold_train_log_rmse", "fold_valid_log_rmse", "final_train_log_rmse")) {
            assertTrue(last.contains("\"" + key + "\": "), last);
        }
        List<String> submission = Files.readAllLines(dir.resolve("out/submission.csv"));
        assertEquals(51, submission.size());
        assertEquals("Id,SalePrice", submission.get(0));
        assertTrue(submission.get(1).matches("201,-?[0-9.E-]+"), submission.get(1));
        assertTrue(Files.size(dir.resolve("out/house-prices-fold1.png")) > 1000);
        assertTrue(Files.size(dir.resolve("out/house-prices-final.png")) > 1000);
    }

    @Test
    void aFolderWithoutKagglesFilesIsRefusedInOneLineSayingWhereToGetThem(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/train.csv"), "Id,SalePrice\n1,2\n");
        Object[] r = SamplesSmokeTest.fork("HousePrices", dir, "--data", "empty");
        assertEquals(2, r[0], (String) r[1]);
        assertEquals("house-prices: --data empty: the folder lacks test.csv; Kaggle's train.csv and test.csv come from the competition"
                + " \"House Prices - Advanced Regression Techniques\" (kaggle.com/c/house-prices-advanced-regression-techniques/data)",
                report(r));
        r = SamplesSmokeTest.fork("HousePrices", dir);
        assertEquals(2, r[0], (String) r[1]);
        assertTrue(report(r).startsWith("house-prices: --data DIR is required: a folder holding train.csv and test.csv; Kaggle's"),
                (String) r[1]);
    }

    /** The sample's one line about the problem (the kernels' log line about the backend aside), with no stack trace. */
    private static String report(Object[] r) {
        String text = (String) r[1];
        assertTrue(!text.contains("Exception") && !text.contains("\tat "), text);
        List<String> own = text.lines().filter(l -> l.startsWith("house-prices")).toList();
        assertEquals(1, own.size(), text);
        return own.get(0);
    }

    @Test
    void aRaggedRowOrAPriceThatIsNotANumberIsRefusedNamingLineAndColumn(@TempDir Path dir) throws Exception {
        Path k = GeneratedHousePrices.write(dir.resolve("kaggle"), 20, 10, 4);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(k.resolve("test.csv")));
        lines.set(3, lines.get(3) + ",extra");
        Files.write(k.resolve("test.csv"), lines);
        Object[] r = SamplesSmokeTest.fork("HousePrices", dir, "--data", "kaggle");
        assertEquals(2, r[0], (String) r[1]);
        assertEquals("house-prices: kaggle/test.csv: line 4: 81 fields, but the header has 80 columns (a ragged row; a field holding a"
                + " comma must be quoted)", report(r));
        Files.write(k.resolve("test.csv"), lines.subList(0, 3));
        List<String> train = new java.util.ArrayList<>(Files.readAllLines(k.resolve("train.csv")));
        train.set(5, train.get(5).replaceFirst(",[0-9]+$", ",unknown"));
        Files.write(k.resolve("train.csv"), train);
        r = SamplesSmokeTest.fork("HousePrices", dir, "--data", "kaggle");
        assertEquals(2, r[0], (String) r[1]);
        assertEquals("house-prices: kaggle/train.csv: line 6, column 81 (\"SalePrice\"): \"unknown\" is not a number, and the column is"
                + " declared numeric", report(r));
    }
}
