// SPDX-License-Identifier: Apache-2.0
package dev.panamax.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.panamax.DType;
import dev.panamax.Tensor;
import dev.panamax.io.SafeTensors;
import dev.panamax.optim.lr.CosineAnnealingLR;
import dev.panamax.optim.lr.ExponentialLR;
import dev.panamax.optim.lr.LRScheduler;
import dev.panamax.optim.lr.LinearLR;
import dev.panamax.optim.lr.MultiStepLR;
import dev.panamax.optim.lr.OneCycleLR;
import dev.panamax.optim.lr.ReduceLROnPlateau;
import dev.panamax.optim.lr.Scheduler;
import dev.panamax.optim.lr.SequentialLR;
import dev.panamax.optim.lr.StepLR;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays verify/golden/optim.safetensors (written by verify/optim_golden.py from PyTorch 1.13):
 * every optimizer and option combination step by step, float64 within 1e-12 and float32 within
 * 1e-6 of max(|expected|, 1); every schedule's learning rates exactly.
 */
class OptimGoldenTest {
    private static Map<String, Tensor> golden;
    private static Map<String, String> meta;

    @BeforeAll
    static void load() throws IOException {
        Path file = Path.of("verify/golden/optim.safetensors");
        golden = SafeTensors.read(file);
        meta = new TreeMap<>(SafeTensors.readMetadata(file));
    }

    private static Object value(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        if (v.contains(",")) {
            String[] parts = v.split(",");
            double[] a = new double[parts.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = Double.parseDouble(parts[i]);
            }
            return a;
        }
        return Double.parseDouble(v);
    }

    private static Map<String, String> settings(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String item : spec.split(";")) {
            String[] kv = item.split("=", 2);
            m.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return m;
    }

    private static Optimizer make(String opt, double lr, ParamGroup g0, ParamGroup g1) {
        return switch (opt) {
            case "SGD" -> new SGD(lr, g0, g1);
            case "Adam" -> new Adam(lr, g0, g1);
            case "AdamW" -> new AdamW(lr, g0, g1);
            case "RMSprop" -> new RMSprop(lr, g0, g1);
            case "Adagrad" -> new Adagrad(lr, g0, g1);
            default -> throw new AssertionError(opt);
        };
    }

    @Test
    void everyOptimizerStepByStep() {
        int cases = 0;
        for (Map.Entry<String, String> c : meta.entrySet()) {
            if (!c.getValue().startsWith("opt=")) {
                continue;
            }
            String name = c.getKey();
            Map<String, String> s = settings(c.getValue());
            Tensor[] p = new Tensor[2];
            ParamGroup[] g = new ParamGroup[2];
            for (int i = 0; i < 2; i++) {
                p[i] = golden.get(name + ".p" + i + ".init").clone().requiresGrad_();
                g[i] = Optimizer.group(p[i]);
            }
            for (Map.Entry<String, String> e : s.entrySet()) {
                if (e.getKey().equals("opt") || e.getKey().equals("lr")) {
                    continue;
                }
                boolean second = e.getKey().startsWith("g1.");
                String key = e.getKey().replace("g1.", "");
                if (key.equals("lr")) {
                    g[1].lr(Double.parseDouble(e.getValue()));
                    continue;
                }
                g[1].set(key, value(e.getValue()));
                if (!second) {
                    g[0].set(key, value(e.getValue()));
                }
            }
            Optimizer o = make(s.get("opt"), Double.parseDouble(s.get("lr")), g[0], g[1]);
            boolean f64 = p[0].dtype() == DType.F64;
            double tol = f64 ? 1e-12 : 1e-6;
            Tensor[] grads = {golden.get(name + ".p0.grads"), golden.get(name + ".p1.grads")};
            Tensor[] traj = {golden.get(name + ".p0.traj"), golden.get(name + ".p1.traj")};
            int steps = grads[0].size(0);
            assertTrue(steps >= 20);
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < 2; i++) {
                    p[i].setGrad(grads[i].slice(0, t, t + 1).reshape(p[i].shape()).clone());
                }
                o.step();
                for (int i = 0; i < 2; i++) {
                    Tensor want = traj[i].slice(0, t, t + 1).reshape(p[i].shape());
                    for (int k = 0; k < p[i].numel(); k++) {
                        double got = p[i].getFlat(k), exp = want.getFlat(k);
                        if (!(Math.abs(got - exp) <= tol * Math.max(Math.abs(exp), 1))) {
                            fail(name + " (" + c.getValue() + ") step " + (t + 1) + " param " + i + " element " + k
                                    + ": " + got + ", PyTorch " + exp);
                        }
                    }
                }
            }
            cases++;
        }
        assertEquals(48, cases);
    }

    private static Optimizer schedOptimizer(boolean adam) {
        Tensor a = Tensor.zeros(1).requiresGrad_(), b = Tensor.zeros(1).requiresGrad_();
        return adam ? new Adam(0.1, Optimizer.group(a), Optimizer.group(b).lr(0.03))
                : new SGD(0.1, 0.9, 0, Optimizer.group(a), Optimizer.group(b).lr(0.03));
    }

    private static Scheduler makeSchedule(String name, Optimizer o) {
        return switch (name) {
            case "StepLR.0" -> new StepLR(o, 3, 0.5);
            case "StepLR.1" -> new StepLR(o, 1, 0.9);
            case "MultiStepLR.0" -> new MultiStepLR(o, new int[] {2, 5, 9}, 0.1);
            case "ExponentialLR.0" -> new ExponentialLR(o, 0.95);
            case "CosineAnnealingLR.0" -> new CosineAnnealingLR(o, 10);
            case "CosineAnnealingLR.1" -> new CosineAnnealingLR(o, 7, 0.001);
            case "LinearLR.0" -> new LinearLR(o);
            case "LinearLR.1" -> new LinearLR(o, 0.01, 0.5, 8);
            case "OneCycleLR.0" -> new OneCycleLR(o, 1.0, 30);
            case "OneCycleLR.1" -> new OneCycleLR(o, OneCycleLR.Options.of(0.5, 25).pctStart(0.2).linear().threePhase(true));
            case "OneCycleLR.2" -> new OneCycleLR(o, OneCycleLR.Options.of(0.2, 20).cycleMomentum(false).divFactors(10, 100));
            case "SequentialLR.0" -> new SequentialLR(o, List.of(new LinearLR(o, 0.01, 1.0, 5), new CosineAnnealingLR(o, 15)),
                    new int[] {5});
            case "SequentialLR.1" -> new SequentialLR(o, List.<LRScheduler>of(new ExponentialLR(o, 0.9), new StepLR(o, 2, 0.5),
                    new CosineAnnealingLR(o, 4)), new int[] {3, 8});
            case "ReduceLROnPlateau.0" -> new ReduceLROnPlateau(o, ReduceLROnPlateau.Options.defaults().factor(0.5).patience(2));
            case "ReduceLROnPlateau.1" -> new ReduceLROnPlateau(o, ReduceLROnPlateau.Options.defaults().mode("max").factor(0.1)
                    .patience(1).threshold(0.05, false).cooldown(2).minLr(0.0005));
            default -> throw new AssertionError("no schedule for " + name);
        };
    }

    @Test
    void everyScheduleExactly() {
        int cases = 0;
        for (Map.Entry<String, String> c : meta.entrySet()) {
            if (c.getValue().startsWith("opt=") || !golden.containsKey(c.getKey() + ".lr")) {
                continue;
            }
            String name = c.getKey();
            Optimizer o = schedOptimizer(c.getValue().endsWith(";Adam"));
            Scheduler s = makeSchedule(name, o);
            Tensor lr = golden.get(name + ".lr"), mom = golden.get(name + ".momentum"), metric = golden.get(name + ".metric");
            for (int e = 0; e < lr.size(0); e++) {
                if (e > 0) {
                    if (s instanceof ReduceLROnPlateau r) {
                        r.step(metric.getFlat(e - 1));
                    } else {
                        ((LRScheduler) s).step();
                    }
                }
                for (int gi = 0; gi < 2; gi++) {
                    assertEquals(lr.get(e, gi), s.getLastLr().get(gi), 0.0, name + " epoch " + e + " group " + gi);
                    assertEquals(lr.get(e, gi), o.paramGroups().get(gi).lr(), 0.0, name + " epoch " + e + " group " + gi);
                    if (mom != null) {
                        ParamGroup g = o.paramGroups().get(gi);
                        double m = g.options().containsKey("betas") ? g.betas()[0] : g.momentum();
                        assertEquals(mom.get(e, gi), m, 0.0, name + " momentum, epoch " + e + " group " + gi);
                    }
                }
            }
            cases++;
        }
        assertEquals(15, cases);
    }

    @Test
    void clipGradNormAsPyTorch() {
        int cases = 0;
        for (Map.Entry<String, String> c : meta.entrySet()) {
            if (!c.getValue().startsWith("clip;")) {
                continue;
            }
            String name = c.getKey();
            Map<String, String> s = settings(c.getValue());
            List<Tensor> params = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Tensor g = golden.get(name + ".g" + i);
                Tensor p = Tensor.zeros(g.dtype(), g.shape()).requiresGrad_();
                p.setGrad(g.clone());
                params.add(p);
            }
            double normType = Double.parseDouble(s.get("norm_type").replace("inf", "Infinity"));
            double total = dev.panamax.nn.Utils.clipGradNorm_(params, Double.parseDouble(s.get("max_norm")), normType, true);
            boolean f64 = params.get(0).dtype() == DType.F64;
            double tol = f64 ? 1e-12 : 1e-6, want = golden.get(name + ".total").item();
            assertEquals(want, total, tol * Math.abs(want), name + " total norm");
            for (int i = 0; i < 3; i++) {
                Tensor after = golden.get(name + ".after" + i);
                for (int k = 0; k < after.numel(); k++) {
                    double exp = after.getFlat(k), got = params.get(i).grad().getFlat(k);
                    assertEquals(exp, got, tol * Math.max(Math.abs(exp), 1), name + " gradient " + i + " element " + k);
                }
            }
            cases++;
        }
        assertEquals(8, cases);
    }
}
