// SPDX-License-Identifier: Apache-2.0
package dev.panamax.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panamax.DType;
import dev.panamax.Generator;
import dev.panamax.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {
    /** The chapter's dropout Net, written as a plain subclass. */
    static final class Net extends Module {
        final Linear lin1;
        final Linear lin2;
        final Linear lin3;
        final Dropout drop1;
        final Dropout drop2;

        Net(Generator g) {
            lin1 = register("lin1", new Linear(784, 256, true, DType.F32, g));
            lin2 = register("lin2", new Linear(256, 256, true, DType.F32, g));
            lin3 = register("lin3", new Linear(256, 10, true, DType.F32, g));
            drop1 = register("drop1", new Dropout(0.2));
            drop2 = register("drop2", new Dropout(0.5));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h1 = lin1.forward(x.reshape(-1, 784)).relu();
            Tensor h2 = lin2.forward(drop1.forward(h1)).relu();
            return lin3.forward(drop2.forward(h2));
        }
    }

    static Sequential concise() {
        return new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Linear(256, 10));
    }

    @Test
    void sequentialPrintsExactlyLikePyTorch() {
        assertEquals("""
                Sequential(
                  (0): Flatten(start_dim=1, end_dim=-1)
                  (1): Linear(in_features=784, out_features=256, bias=True)
                  (2): ReLU()
                  (3): Linear(in_features=256, out_features=10, bias=True)
                )""", concise().toString());
        Sequential drop = new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Dropout(0.2),
                new Linear(256, 256), new ReLU(), new Dropout(0.5), new Linear(256, 10, false));
        assertEquals("""
                Sequential(
                  (0): Flatten(start_dim=1, end_dim=-1)
                  (1): Linear(in_features=784, out_features=256, bias=True)
                  (2): ReLU()
                  (3): Dropout(p=0.2, inplace=False)
                  (4): Linear(in_features=256, out_features=256, bias=True)
                  (5): ReLU()
                  (6): Dropout(p=0.5, inplace=False)
                  (7): Linear(in_features=256, out_features=10, bias=False)
                )""", drop.toString());
    }

    @Test
    void nestedModulesIndentLikePyTorch() {
        class Outer extends Module {
            final Sequential body = register("body", new Sequential(new Tanh(), new Sigmoid()));
            final Dropout out = register("out", new Dropout(1.0));

            @Override
            public Tensor forward(Tensor x) {
                return out.forward(body.forward(x));
            }
        }
        assertEquals("""
                Outer(
                  (body): Sequential(
                    (0): Tanh()
                    (1): Sigmoid()
                  )
                  (out): Dropout(p=1.0, inplace=False)
                )""", new Outer().toString());
        assertEquals("Sequential()", new Sequential().toString());
        assertEquals("1e-05", Module.pyFloat(1e-5));
        assertEquals("0.0001", Module.pyFloat(1e-4));
        assertEquals("0.25", Module.pyFloat(0.25));
    }

    @Test
    void parameterNamesAreDottedAndInRegistrationOrder() {
        assertEquals(List.of("1.weight", "1.bias", "3.weight", "3.bias"), new ArrayList<>(concise().namedParameters().keySet()));
        Net net = new Net(new Generator(1));
        assertEquals(List.of("lin1.weight", "lin1.bias", "lin2.weight", "lin2.bias", "lin3.weight", "lin3.bias"),
                new ArrayList<>(net.namedParameters().keySet()));
        assertEquals(6, net.parameters().size());
        assertSame(net.lin1.weight(), net.parameters().get(0));
        assertTrue(net.parameters().stream().allMatch(Tensor::requiresGrad));
        assertArrayEquals(new int[] {256, 784}, net.lin1.weight().shape());
        assertEquals(List.of("lin1", "lin2", "lin3", "drop1", "drop2"), new ArrayList<>(net.namedChildren().keySet()));
        assertEquals(6, net.modules().size());
    }

    @Test
    void aSharedLayerIsOneParameterButTwoStateDictEntries() {
        Linear shared = new Linear(4, 4);
        Sequential net = new Sequential(shared, new ReLU(), shared);
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(net.namedParameters().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(net.stateDict().keySet()));
        net.loadStateDict(net.stateDict(), true);
    }

    @Test
    void registrationRejectsBadNames() {
        class Bad extends Module {
            Bad(String a, String b) {
                register(a, new ReLU());
                register(b, new ReLU());
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> new Bad("a", "a"));
        assertTrue(dup.getMessage().contains("'a' is already used in Bad"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Bad("a", "b.c"));
        assertThrows(IllegalArgumentException.class, () -> new Bad("", "b"));
    }

    @Test
    void trainEvalAndApplyReachEveryModule() {
        Net net = new Net(new Generator(2));
        assertTrue(net.isTraining());
        net.eval();
        assertTrue(net.modules().stream().noneMatch(Module::isTraining));
        net.train();
        assertTrue(net.modules().stream().allMatch(Module::isTraining));
        List<String> order = new ArrayList<>();
        net.apply(m -> order.add(m.name()));
        assertEquals(List.of("Linear", "Linear", "Linear", "Dropout", "Dropout", "Net"), order);
        // Eval mode: dropout off, so two calls agree exactly.
        net.eval();
        Tensor x = Tensor.rand(new Generator(3), 4, 1, 28, 28);
        assertTrue(net.forward(x).allClose(net.forward(x), 0, 0));
        assertArrayEquals(new int[] {4, 10}, net.forward(x).shape());
    }

    @Test
    void apply_initialisesEveryLinear() {
        Sequential net = concise();
        net.apply(m -> {
            if (m instanceof Linear l) {
                Init.normal_(l.weight(), 0, 0.01, new Generator(5));
                Init.zeros_(l.bias());
            }
        });
        Linear l1 = (Linear) net.get(1);
        assertEquals(0.0, l1.bias().abs().max().item());
        assertEquals(0.01, Math.sqrt(l1.weight().pow(2).mean().item()), 0.0005);
    }

    @Test
    void zeroGradZeroesEveryGradient() {
        Sequential net = concise();
        net.forward(Tensor.rand(new Generator(4), 2, 784)).sum().backward();
        assertTrue(((Linear) net.get(1)).weight().grad().abs().sum().item() > 0);
        net.zeroGrad();
        for (Tensor p : net.parameters()) {
            assertEquals(0.0, p.grad().abs().sum().item());
        }
    }

    @Test
    void stateDictRoundTrip() {
        Sequential a = new Sequential(new Linear(3, 2, true, DType.F32, new Generator(1)), new ReLU(),
                new Linear(2, 1, true, DType.F32, new Generator(2)));
        Sequential b = new Sequential(new Linear(3, 2, true, DType.F32, new Generator(3)), new ReLU(),
                new Linear(2, 1, true, DType.F32, new Generator(4)));
        Map<String, Tensor> sd = a.stateDict();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(sd.keySet()));
        assertFalse(sd.get("0.weight").requiresGrad());
        Tensor x = Tensor.rand(new Generator(9), 5, 3);
        assertFalse(a.forward(x).allClose(b.forward(x), 0, 1e-6));
        Module.LoadResult r = b.loadStateDict(sd, true);
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty());
        assertTrue(a.forward(x).allClose(b.forward(x), 0, 0));
        // The loaded values are copies: changing a later leaves b alone.
        Init.zeros_(((Linear) a.get(0)).weight());
        assertNotSame(((Linear) a.get(0)).weight(), ((Linear) b.get(0)).weight());
        assertTrue(((Linear) b.get(0)).weight().abs().sum().item() > 0);
        // The state dict shares storage with the live parameter.
        assertEquals(0.0, sd.get("0.weight").abs().sum().item());
        // F64 values load into F32 parameters.
        Map<String, Tensor> sd64 = new LinkedHashMap<>();
        b.stateDict().forEach((k, v) -> sd64.put(k, v.to(DType.F64)));
        a.loadStateDict(sd64, true);
        assertTrue(a.forward(x).allClose(b.forward(x), 0, 0));
    }

    @Test
    void strictLoadNamesMissingUnexpectedAndMismatchedKeys() {
        Sequential net = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 1));
        Map<String, Tensor> sd = new LinkedHashMap<>(net.stateDict());
        Tensor before = net.stateDict().get("0.bias").clone();
        sd.remove("2.bias");
        sd.put("9.weight", Tensor.zeros(1));
        sd.put("0.bias", Tensor.full(7.0, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(sd, true));
        assertEquals("loadStateDict: Error(s) in loading state_dict for Sequential:\n"
                + "\tMissing key(s) in state_dict: \"2.bias\".\n"
                + "\tUnexpected key(s) in state_dict: \"9.weight\".", e.getMessage());
        assertTrue(net.stateDict().get("0.bias").allClose(before, 0, 0), "nothing copied after an error");
        // Non-strict: the matching keys load, the rest are reported.
        Module.LoadResult r = net.loadStateDict(sd, false);
        assertEquals(List.of("2.bias"), r.missingKeys());
        assertEquals(List.of("9.weight"), r.unexpectedKeys());
        assertEquals(7.0, net.stateDict().get("0.bias").get(1));
        // A shape mismatch fails even when not strict.
        sd.put("0.weight", Tensor.zeros(2, 4));
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(sd, false));
        assertTrue(s.getMessage().contains("size mismatch for 0.weight: copying a param with shape [2, 4] from checkpoint,"
                + " the shape in current model is [2, 3]."), s.getMessage());
    }

    @Test
    void linearDefaultInitIsUniformWithinOneOverSqrtIn() {
        Linear l = new Linear(400, 300, true, DType.F64, new Generator(7));
        double bound = 1 / Math.sqrt(400);
        double[] w = l.weight().f64();
        double max = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.99 * bound, "max |w| " + max + " vs bound " + bound);
        // U(-b, b) has variance b^2 / 3.
        assertEquals(bound / Math.sqrt(3), Math.sqrt(l.weight().pow(2).mean().item()), 0.01 * bound);
        assertTrue(l.bias().abs().max().item() <= bound);
        // The same seed gives the same layer.
        assertTrue(new Linear(400, 300, true, DType.F64, new Generator(7)).weight().allClose(l.weight(), 0, 0));
    }

    @Test
    void linearForwardAndShapesOfHigherRankInputs() {
        Linear l = new Linear(3, 2, true, DType.F64, new Generator(1));
        Tensor w = l.weight(), b = l.bias();
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3, -1, 0, 4}, 2, 3);
        Tensor y = l.forward(x);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double e = b.get(j);
                for (int k = 0; k < 3; k++) {
                    e += x.get(i, k) * w.get(j, k);
                }
                assertEquals(e, y.get(i, j), 1e-12);
            }
        }
        assertArrayEquals(new int[] {2}, l.forward(Tensor.of(1.0, 2.0, 3.0)).shape());
        assertArrayEquals(new int[] {4, 5, 2}, l.forward(Tensor.zeros(DType.F64, 4, 5, 3)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(DType.F64, 2, 4)));
        assertEquals("linear: input [2, 4] against weight [2, 3]: the last dim of the input must be in_features = 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(2, 3)), "dtype mismatch");
    }
}
