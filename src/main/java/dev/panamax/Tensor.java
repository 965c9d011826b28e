// SPDX-License-Identifier: Apache-2.0
package dev.panamax;

import dev.panamax.autograd.Autograd;
import dev.panamax.autograd.Node;
import dev.panamax.kernel.Kernels;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array of float32 or float64, row-major and contiguous in a heap array, that can
 * record the ops made from it and differentiate them ({@link #backward()}).
 *
 * <p>Names follow PyTorch in camelCase. Ops return new tensors; the methods ending in {@code _}
 * ({@link #add_}, {@link #zero_}, ...) write into this tensor and return it. {@link #reshape},
 * {@link #view}, {@link #squeeze}, {@link #unsqueeze}, {@link #flatten} and {@link #detach} share
 * storage with this tensor, as in PyTorch; every other op allocates its result.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad_();
 * Tensor w = Tensor.randn(DType.F64, new Generator(0), 3, 2).requiresGrad_();
 * Tensor loss = x.matmul(w).relu().pow(2).sum();   // records the graph as it runs
 * loss.backward();                                  // x.grad() and w.grad() now hold d loss / d x, d loss / d w
 * }</pre>
 */
public final class Tensor {
    /** Heap storage shared by views; its version counts in-place writes. */
    private static final class Storage {
        final float[] f;
        final double[] d;
        int version;

        Storage(float[] f, double[] d) {
            this.f = f;
            this.d = d;
        }
    }

    private final Storage storage;
    private final int[] shape;
    private final DType dtype;
    private final int numel;

    private boolean requiresGrad;
    private boolean retainsGrad;
    private Tensor grad;
    private Node gradFn;

    private Tensor(Storage storage, DType dtype, int[] shape) {
        this.storage = storage;
        this.dtype = dtype;
        this.shape = shape;
        this.numel = Shape.numel(shape);
        int len = dtype == DType.F32 ? storage.f.length : storage.d.length;
        if (len != numel) {
            throw new IllegalArgumentException("data of length " + len + " does not fit shape " + Shape.str(shape)
                    + " (" + numel + " elements)");
        }
    }

    // ---------------------------------------------------------------- creation

    /** A new tensor of zeros. */
    public static Tensor zeros(DType dtype, int... shape) {
        int n = Shape.numel(shape);
        checkHeap("zeros", n, dtype, shape);
        return dtype == DType.F32 ? new Tensor(new Storage(new float[n], null), dtype, shape.clone())
                : new Tensor(new Storage(null, new double[n]), dtype, shape.clone());
    }

    public static Tensor zeros(int... shape) {
        return zeros(DType.F32, shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1.0, shape);
    }

    public static Tensor ones(int... shape) {
        return full(DType.F32, 1.0, shape);
    }

    public static Tensor full(DType dtype, double value, int... shape) {
        return zeros(dtype, shape).fillRaw(value);
    }

    public static Tensor full(double value, int... shape) {
        return full(DType.F32, value, shape);
    }

    /**
     * Refuses, before allocating, a tensor larger than the heap could ever hold: an argument
     * deserves an IllegalArgumentException, not an OutOfMemoryError. (A tensor that fits the heap
     * but not what is free at the moment can still run out of memory.)
     */
    private static void checkHeap(String op, int n, DType dtype, int[] shape) {
        long bytes = (long) n * dtype.byteSize(), max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IllegalArgumentException(op + ": a " + dtype + " tensor of shape " + Shape.str(shape) + " needs " + bytes
                    + " bytes, more than the heap's maximum of " + max + " (-Xmx)");
        }
    }

    /** A zero tensor with the dtype and shape of {@code t}. */
    public static Tensor zerosLike(Tensor t) {
        return zeros(t.dtype, t.shape);
    }

    /** A tensor of ones with the dtype and shape of {@code t} (for {@code backward(onesLike(y))}). */
    public static Tensor onesLike(Tensor t) {
        return full(t.dtype, 1.0, t.shape);
    }

    /** A tensor of {@code value} with the dtype and shape of {@code t}. */
    public static Tensor fullLike(Tensor t, double value) {
        return full(t.dtype, value, t.shape);
    }

    /**
     * Values start, start + step, ... below end (float32), as {@code torch.arange}.
     *
     * @throws IllegalArgumentException when a bound or the step is NaN or infinite, the step is 0 or
     *     points away from end, or the count exceeds what an array holds
     */
    public static Tensor arange(double start, double end, double step) {
        if (!Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step) || step == 0) {
            throw new IllegalArgumentException("arange: expected finite bounds and a finite non-zero step, got start " + start
                    + ", end " + end + ", step " + step);
        }
        if (Math.signum(end - start) == -Math.signum(step)) {
            throw new IllegalArgumentException("arange: step " + step + " points away from end: start " + start + ", end " + end);
        }
        double count = Math.ceil((end - start) / step);
        if (!(count <= Shape.MAX_ELEMENTS)) {
            throw new IllegalArgumentException("arange(" + start + ", " + end + ", " + step + ") has " + count
                    + " values, more than an array holds (" + Shape.MAX_ELEMENTS + ")");
        }
        int n = (int) count;
        checkHeap("arange", n, DType.F32, new int[] {n});
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (start + i * step);
        }
        return wrap(v, n);
    }

    public static Tensor arange(double end) {
        return arange(0, end, 1);
    }

    /** The n x n identity (n >= 0). */
    public static Tensor eye(DType dtype, int n) {
        Tensor t = zeros(dtype, n, n);
        for (int i = 0; i < n; i++) {
            t.setRaw(i * n + i, 1);
        }
        return t;
    }

    public static Tensor eye(int n) {
        return eye(DType.F32, n);
    }

    /** A 1-D float32 tensor of the values (copied). */
    public static Tensor of(float... values) {
        return wrap(values.clone(), values.length);
    }

    /** A 1-D float64 tensor of the values (copied). */
    public static Tensor of(double... values) {
        return wrap(values.clone(), values.length);
    }

    /** A float32 tensor of the given shape holding a copy of data. */
    public static Tensor fromArray(float[] data, int... shape) {
        return wrap(data.clone(), shape);
    }

    /** A float64 tensor of the given shape holding a copy of data. */
    public static Tensor fromArray(double[] data, int... shape) {
        return wrap(data.clone(), shape);
    }

    /** A 2-D float32 tensor from rows of equal length (copied). */
    public static Tensor fromArray(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] v = new float[Shape.numel(rows.length, cols)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("fromArray: row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, v, i * cols, cols);
        }
        return wrap(v, rows.length, cols);
    }

    /** A float32 tensor backed by data itself (no copy): later writes to data show in the tensor. */
    public static Tensor wrap(float[] data, int... shape) {
        return new Tensor(new Storage(data, null), DType.F32, shape.clone());
    }

    /** A float64 tensor backed by data itself (no copy). */
    public static Tensor wrap(double[] data, int... shape) {
        return new Tensor(new Storage(null, data), DType.F64, shape.clone());
    }

    /** Standard normal values from the generator. */
    public static Tensor randn(DType dtype, Generator g, int... shape) {
        return normal(dtype, 0, 1, g, shape);
    }

    public static Tensor randn(Generator g, int... shape) {
        return normal(DType.F32, 0, 1, g, shape);
    }

    public static Tensor randn(int... shape) {
        return normal(DType.F32, 0, 1, Generator.global(), shape);
    }

    /** Uniform values in [0, 1) from the generator. */
    public static Tensor rand(DType dtype, Generator g, int... shape) {
        return uniform(dtype, 0, 1, g, shape);
    }

    public static Tensor rand(Generator g, int... shape) {
        return uniform(DType.F32, 0, 1, g, shape);
    }

    public static Tensor rand(int... shape) {
        return uniform(DType.F32, 0, 1, Generator.global(), shape);
    }

    /** N(mean, std^2) values from the generator; std >= 0 and both finite. */
    public static Tensor normal(DType dtype, double mean, double std, Generator g, int... shape) {
        checkNormal("normal", mean, std);
        return zeros(dtype, shape).normalRaw(mean, std, g);
    }

    public static Tensor normal(double mean, double std, Generator g, int... shape) {
        return normal(DType.F32, mean, std, g, shape);
    }

    /** Uniform values in [low, high) from the generator; {@code low <= high}, both finite. */
    public static Tensor uniform(DType dtype, double low, double high, Generator g, int... shape) {
        checkUniform("uniform", low, high);
        return zeros(dtype, shape).uniformRaw(low, high, g);
    }

    public static Tensor uniform(double low, double high, Generator g, int... shape) {
        return uniform(DType.F32, low, high, g, shape);
    }

    // ---------------------------------------------------------------- properties and raw access

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of one dim; negative dims count from the end. */
    public int size(int dim) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("size: dim " + dim + " of a 0-dim tensor, which has no dims");
        }
        return shape[Shape.dim("size", dim, shape.length)];
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return numel;
    }

    public DType dtype() {
        return dtype;
    }

    /**
     * The float32 array behind this tensor, row-major, shared with views: for kernels and I/O.
     * Writes through it are not seen by autograd's in-place checks; call {@link #bumpVersion()}.
     */
    public float[] f32() {
        if (dtype != DType.F32) {
            throw new IllegalStateException("f32(): the tensor is " + dtype);
        }
        return storage.f;
    }

    /** The float64 array behind this tensor: see {@link #f32()}. */
    public double[] f64() {
        if (dtype != DType.F64) {
            throw new IllegalStateException("f64(): the tensor is " + dtype);
        }
        return storage.d;
    }

    /** Element i of the flat row-major data, as a double. */
    public double getFlat(int i) {
        return dtype == DType.F32 ? storage.f[i] : storage.d[i];
    }

    /** The element at the given indices (one per dim). */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of rank " + shape.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (d < 0 || d >= shape[i]) {
                throw new IndexOutOfBoundsException("get: index " + index[i] + " out of range for dim " + i + " of size " + shape[i]);
            }
            flat = flat * shape[i] + d;
        }
        return getFlat(flat);
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (numel != 1) {
            throw new IllegalStateException("item(): a tensor with " + numel + " elements " + Shape.str(shape)
                    + " cannot be converted to a scalar");
        }
        return getFlat(0);
    }

    /** A copy of the data as float. */
    public float[] toFloatArray() {
        if (dtype == DType.F32) {
            return storage.f.clone();
        }
        float[] v = new float[numel];
        for (int i = 0; i < numel; i++) {
            v[i] = (float) storage.d[i];
        }
        return v;
    }

    /** A copy of the data as double. */
    public double[] toDoubleArray() {
        if (dtype == DType.F64) {
            return storage.d.clone();
        }
        double[] v = new double[numel];
        for (int i = 0; i < numel; i++) {
            v[i] = storage.f[i];
        }
        return v;
    }

    /** Counts in-place writes to the storage (shared by views); PyTorch's {@code _version}. */
    public int version() {
        return storage.version;
    }

    /** Marks the storage as written in place (after writing through {@link #f32()}). */
    public void bumpVersion() {
        storage.version++;
    }

    void setRaw(int i, double v) {
        if (dtype == DType.F32) {
            storage.f[i] = (float) v;
        } else {
            storage.d[i] = v;
        }
    }

    private Tensor fillRaw(double v) {
        if (dtype == DType.F32) {
            Kernels.fill(storage.f, (float) v);
        } else {
            Arrays.fill(storage.d, v);
        }
        return this;
    }

    private static void checkNormal(String op, double mean, double std) {
        if (!Double.isFinite(mean) || !(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException(op + ": expected a finite mean and a finite std >= 0, got mean " + mean + ", std " + std);
        }
    }

    private static void checkUniform(String op, double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException(op + ": expected finite bounds with low <= high, got [" + low + ", " + high + ")");
        }
    }

    private Tensor normalRaw(double mean, double std, Generator g) {
        for (int i = 0; i < numel; i++) {
            setRaw(i, mean + std * g.nextGaussian());
        }
        return this;
    }

    private Tensor uniformRaw(double low, double high, Generator g) {
        for (int i = 0; i < numel; i++) {
            setRaw(i, low + (high - low) * g.nextDouble());
        }
        return this;
    }

    /** Copies other's data (same numel and dtype) without touching versions (internal). */
    void copyRaw(Tensor other) {
        if (dtype == DType.F32) {
            System.arraycopy(other.storage.f, 0, storage.f, 0, numel);
        } else {
            System.arraycopy(other.storage.d, 0, storage.d, 0, numel);
        }
    }

    /** A view of the same storage with another shape (no checks beyond numel). */
    Tensor viewOf(int[] newShape) {
        return new Tensor(storage, dtype, newShape);
    }

    /** This tensor in the given dtype: itself if already so, else a converted copy. */
    public Tensor to(DType target) {
        if (target == dtype) {
            return this;
        }
        Tensor out = target == DType.F32 ? wrap(toFloatArray(), shape) : wrap(toDoubleArray(), shape);
        DType from = dtype;
        return dev.panamax.autograd.Graph.of(out, "to_copy", this).backward(g -> new Tensor[] {g.to(from)});
    }

    // ---------------------------------------------------------------- autograd

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Sets requires-grad on a leaf; returns this (PyTorch's {@code requires_grad_}). */
    public Tensor requiresGrad_(boolean on) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad_: only leaf tensors can change requires_grad; this one was made by "
                    + gradFn.op() + " (use detach() for a leaf)");
        }
        requiresGrad = on;
        return this;
    }

    /** Sets requires-grad on a leaf; returns this. */
    public Tensor requiresGrad_() {
        return requiresGrad_(true);
    }

    /** True for tensors made by the user, not by a recorded op. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The recorded op that made this tensor, or null for a leaf (PyTorch's grad_fn). */
    public Node gradFn() {
        return gradFn;
    }

    /** For {@link dev.panamax.autograd.Graph} only: attaches the op that made this tensor. */
    public void setGradFn(Node node) {
        if (gradFn != null) {
            throw new IllegalStateException("setGradFn: the tensor already has grad_fn " + gradFn);
        }
        gradFn = node;
        requiresGrad = true;
    }

    /** The accumulated gradient, or null before the first backward (or after {@link #setGrad}(null)). */
    public Tensor grad() {
        return grad;
    }

    public void setGrad(Tensor g) {
        if (g != null && (!Arrays.equals(g.shape, shape) || g.dtype != dtype)) {
            throw new IllegalArgumentException("setGrad: gradient " + g.dtype + Shape.str(g.shape) + " does not match tensor "
                    + dtype + Shape.str(shape));
        }
        grad = g;
    }

    /** Zeroes the gradient in place, keeping its buffer; nothing to do before the first backward. */
    public void zeroGrad() {
        if (grad != null) {
            grad.zeroRaw();
        }
    }

    private void zeroRaw() {
        fillRaw(0);
        storage.version++;
    }

    /** Keeps the gradient of this non-leaf tensor in {@link #grad()} during backward. */
    public Tensor retainGrad() {
        if (gradFn != null) {
            retainsGrad = true;
        }
        return this;
    }

    public boolean retainsGrad() {
        return retainsGrad;
    }

    /** Backward from a one-element tensor: d(this)/d(leaf) into every leaf's grad. */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /** Backward with the gradient of this tensor given. */
    public void backward(Tensor gradOutput) {
        Autograd.backward(this, gradOutput, false);
    }

    /** Backward; with retainGraph, the graph may be walked again. */
    public void backward(Tensor gradOutput, boolean retainGraph) {
        Autograd.backward(this, gradOutput, retainGraph);
    }

    /** A new leaf sharing this storage, outside the graph. */
    public Tensor detach() {
        return new Tensor(storage, dtype, shape);
    }

    /** A copy of the data; in the graph (its gradient passes through). */
    @Override
    public Tensor clone() {
        Tensor out = dtype == DType.F32 ? wrap(storage.f.clone(), shape) : wrap(storage.d.clone(), shape);
        return dev.panamax.autograd.Graph.of(out, "clone", this).backward(g -> new Tensor[] {g});
    }

    // ---------------------------------------------------------------- in-place (write into this)

    private void checkInPlace(String op) {
        if (Autograd.isGradEnabled() && requiresGrad) {
            throw new IllegalStateException(op + ": a " + (isLeaf() ? "leaf tensor" : "tensor in a recorded graph")
                    + " that requires grad is used in an in-place operation; do it inside Autograd.noGrad()");
        }
        storage.version++;
    }

    /** this += other (broadcast into this shape). Modified: this. Returns this. */
    public Tensor add_(Tensor other) {
        return add_(other, 1.0);
    }

    /** this += alpha * other. Modified: this. */
    public Tensor add_(Tensor other, double alpha) {
        checkInPlace("add_");
        Elementwise.axpyInto(this, other, alpha);
        return this;
    }

    /** this -= other. Modified: this. */
    public Tensor sub_(Tensor other) {
        return add_(other, -1.0);
    }

    /** this *= s. Modified: this. */
    public Tensor mul_(double s) {
        checkInPlace("mul_");
        Elementwise.scaleInto(this, s);
        return this;
    }

    /** Modified: this. */
    public Tensor zero_() {
        return fill_(0);
    }

    /** Modified: this. */
    public Tensor fill_(double v) {
        checkInPlace("fill_");
        return fillRaw(v);
    }

    /** Copies src (same shape, any dtype) into this. Modified: this. */
    public Tensor copy_(Tensor src) {
        if (!Arrays.equals(src.shape, shape)) {
            throw new IllegalArgumentException("copy_: source " + Shape.str(src.shape) + " does not match " + Shape.str(shape));
        }
        checkInPlace("copy_");
        for (int i = 0; i < numel; i++) {
            setRaw(i, src.getFlat(i));
        }
        return this;
    }

    /** Fills with N(mean, std^2) from the generator. Modified: this. */
    public Tensor normal_(double mean, double std, Generator g) {
        checkNormal("normal_", mean, std);
        checkInPlace("normal_");
        return normalRaw(mean, std, g);
    }

    /** Fills with U[low, high) from the generator. Modified: this. */
    public Tensor uniform_(double low, double high, Generator g) {
        checkUniform("uniform_", low, high);
        checkInPlace("uniform_");
        return uniformRaw(low, high, g);
    }

    /** Adds the gradient of a backward into an existing grad buffer (engine use; no graph). */
    public void accumulate(Tensor g) {
        storage.version++;
        Elementwise.axpyInto(this, g, 1.0);
    }

    // ---------------------------------------------------------------- elementwise (broadcasting)

    public Tensor add(Tensor o) { return Elementwise.add(this, o); }
    public Tensor sub(Tensor o) { return Elementwise.sub(this, o); }
    public Tensor mul(Tensor o) { return Elementwise.mul(this, o); }
    public Tensor div(Tensor o) { return Elementwise.div(this, o); }
    public Tensor pow(Tensor exponent) { return Elementwise.pow(this, exponent); }
    public Tensor maximum(Tensor o) { return Elementwise.maximum(this, o); }
    public Tensor add(double s) { return Elementwise.addScalar(this, s); }
    public Tensor sub(double s) { return Elementwise.addScalar(this, -s); }
    public Tensor mul(double s) { return Elementwise.mulScalar(this, s); }
    public Tensor div(double s) { return Elementwise.divScalar(this, s); }
    public Tensor pow(double exponent) { return Elementwise.powScalar(this, exponent); }
    public Tensor neg() { return Elementwise.mulScalar(this, -1.0); }
    public Tensor exp() { return Elementwise.exp(this); }
    public Tensor log() { return Elementwise.log(this); }
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    public Tensor abs() { return Elementwise.abs(this); }
    public Tensor relu() { return Elementwise.relu(this); }
    public Tensor sigmoid() { return Elementwise.sigmoid(this); }
    public Tensor tanh() { return Elementwise.tanh(this); }
    public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }
    /** Mask (1 where true, 0 elsewhere) in this dtype; not differentiable. */
    public Tensor gt(Tensor o) { return Elementwise.compare("gt", this, o, 1); }
    public Tensor lt(Tensor o) { return Elementwise.compare("lt", this, o, -1); }
    public Tensor eq(Tensor o) { return Elementwise.compare("eq", this, o, 0); }
    public Tensor gt(double s) { return gt(full(dtype, s)); }
    public Tensor lt(double s) { return lt(full(dtype, s)); }
    public Tensor eq(double s) { return eq(full(dtype, s)); }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (a 0-dim tensor). */
    public Tensor sum() { return Reductions.sum(this, allDims(), false); }
    public Tensor sum(int dim, boolean keepdim) { return Reductions.sum(this, new int[] {dim}, keepdim); }
    /** Sum over the dims; an empty array reduces every dim, as PyTorch 1.13's {@code sum(dim=[])}. */
    public Tensor sum(int[] dims, boolean keepdim) { return Reductions.sum(this, dims, keepdim); }
    public Tensor mean() { return Reductions.mean(this, allDims(), false); }
    public Tensor mean(int dim, boolean keepdim) { return Reductions.mean(this, new int[] {dim}, keepdim); }
    /** Mean over the dims; an empty array reduces every dim, as PyTorch 1.13. */
    public Tensor mean(int[] dims, boolean keepdim) { return Reductions.mean(this, dims, keepdim); }
    /** Largest element (a 0-dim tensor); tied largest elements share its gradient equally, as in PyTorch. */
    public Tensor max() { return Reductions.max(this); }
    public Tensor max(int dim, boolean keepdim) { return Reductions.max(this, dim, keepdim); }
    /** Index of the largest element along dim (first on ties), as values of this dtype. */
    public Tensor argmax(int dim, boolean keepdim) { return Reductions.argmax(this, dim, keepdim); }
    public Tensor argmax() { return Reductions.argmax(flatten(), 0, false); }
    public Tensor logSumExp(int dim, boolean keepdim) { return Reductions.logSumExp(this, dim, keepdim); }
    public Tensor logSoftmax(int dim) { return Reductions.logSoftmax(this, dim); }
    public Tensor softmax(int dim) { return Reductions.softmax(this, dim); }
    /** Euclidean (Frobenius) norm of all elements. */
    public Tensor norm() { return Reductions.norm(this); }

    /** Sums a broadcast gradient back to the given shape (the inverse of broadcasting). */
    public Tensor sumTo(int... target) { return Reductions.sumTo(this, target); }

    private int[] allDims() {
        int[] d = new int[shape.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return d;
    }

    // ---------------------------------------------------------------- shape

    /** Same data, new shape (one dim may be -1); shares storage. */
    public Tensor reshape(int... newShape) { return ShapeOps.reshape(this, newShape); }
    public Tensor view(int... newShape) { return ShapeOps.reshape(this, newShape); }
    public Tensor flatten() { return ShapeOps.flatten(this, 0, -1); }
    public Tensor flatten(int startDim, int endDim) { return ShapeOps.flatten(this, startDim, endDim); }
    public Tensor unsqueeze(int dim) { return ShapeOps.unsqueeze(this, dim); }
    public Tensor squeeze() { return ShapeOps.squeeze(this, -1, true); }
    public Tensor squeeze(int dim) { return ShapeOps.squeeze(this, dim, false); }
    /** Swaps two dims (copies). */
    public Tensor transpose(int dim0, int dim1) { return ShapeOps.transpose(this, dim0, dim1); }
    /** Transpose of a tensor of rank 2 or less (copies). */
    public Tensor t() { return ShapeOps.t(this); }
    public Tensor permute(int... dims) { return ShapeOps.permute(this, dims); }
    /** Elements start..end-1 of a dim (copies); negative bounds count from the end. */
    public Tensor slice(int dim, int start, int end) { return ShapeOps.slice(this, dim, start, end); }
    /** Elements start..start+length-1 of a dim (copies); a negative start counts from the end; the range must fit. */
    public Tensor narrow(int dim, int start, int length) { return ShapeOps.narrow(this, dim, start, length); }
    /** Entries of dim 0 at the given indices (copies): batching; a negative index counts from the end, as {@code x[[i]]}. */
    public Tensor rows(int... indices) { return ShapeOps.indexSelect("rows", this, 0, indices, true); }
    /** Entries of dim at the integer values held in index (a 1-D tensor), each in [0, size), as {@code torch.index_select}. */
    public Tensor indexSelect(int dim, Tensor index) {
        return ShapeOps.indexSelect("indexSelect", this, dim, ShapeOps.toIndices(index), false);
    }
    public static Tensor cat(List<Tensor> tensors, int dim) { return ShapeOps.cat(tensors, dim); }
    public static Tensor stack(List<Tensor> tensors, int dim) { return ShapeOps.stack(tensors, dim); }

    // ---------------------------------------------------------------- linear algebra

    /** Matrix product with PyTorch's rules for 1-D, 2-D and batched 3-D operands. */
    public Tensor matmul(Tensor other) { return LinAlg.matmul(this, other); }

    // ---------------------------------------------------------------- comparisons of whole tensors

    /** {@code |this - other| <= atol + rtol * |other|} everywhere (shapes must match). */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < numel; i++) {
            double a = getFlat(i), b = other.getFlat(i);
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b)) && !(a == b)) {
                return false;
            }
        }
        return true;
    }

    /** Prints like PyTorch: {@code tensor([[0.0433, 1.0000]], requires_grad=True)}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
