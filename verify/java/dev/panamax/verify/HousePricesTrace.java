// SPDX-License-Identifier: Apache-2.0
package dev.panamax.verify;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import dev.panamax.io.SafeTensors;
import dev.panamax.nn.Module;
import dev.panamax.samples.HousePrices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * panamax's side of {@code verify/house_prices}: runs the house-prices sample's k-fold training on
 * the CSV files of a folder and writes what the book's pandas + PyTorch code needs to repeat it
 * step for step, and what it must agree with: the preprocessed features and their names, each
 * fold's initial weights and the rows of each of its batches in order, and each fold's train and
 * validation log-RMSE after every epoch. Usage: {@code HousePricesTrace DATA_DIR OUT.safetensors
 * [EPOCHS [SEED]]}.
 */
public final class HousePricesTrace {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]), out = Path.of(args[1]);
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 0;
        HousePrices.Data d = HousePrices.load(data);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("x", d.trainFeatures());
        t.put("y", d.trainLabels());
        t.put("test_x", d.testFeatures());
        List<List<int[]>> batches = new ArrayList<>();
        HousePrices.Trace trace = new HousePrices.Trace() {
            @Override
            public void initial(int fold, Module net) {
                for (Map.Entry<String, Tensor> p : net.stateDict().entrySet()) {
                    Tensor v = p.getValue();
                    t.put("fold" + fold + "." + p.getKey(), Tensor.fromArray(v.toFloatArray(), v.shape()));
                }
                batches.add(new ArrayList<>());
            }

            @Override
            public void batch(int fold, int[] rows) {
                batches.get(fold).add(rows);
            }
        };
        int k = 5;
        List<HousePrices.FoldResult> folds = HousePrices.kFold(d, k, epochs, 5, 0, 64, new Generator(seed), null, trace);
        double[] train = new double[k * epochs], valid = new double[k * epochs];
        for (int i = 0; i < k; i++) {
            System.arraycopy(folds.get(i).history().metric("train log rmse"), 0, train, i * epochs, epochs);
            System.arraycopy(folds.get(i).history().metric("test log rmse"), 0, valid, i * epochs, epochs);
            List<Double> rows = new ArrayList<>();
            for (int[] b : batches.get(i)) {
                for (int r : b) {
                    rows.add((double) r);
                }
            }
            t.put("fold" + i + ".rows", Tensor.fromArray(rows.stream().mapToDouble(Double::doubleValue).toArray(), rows.size()));
        }
        t.put("train_log_rmse", Tensor.fromArray(train, k, epochs));
        t.put("valid_log_rmse", Tensor.fromArray(valid, k, epochs));
        SafeTensors.write(out, t, Map.of("features", String.join("\n", d.featureNames()), "batch_size", "64",
                "epochs", Integer.toString(epochs)));
        System.out.println("wrote " + out);
    }
}
