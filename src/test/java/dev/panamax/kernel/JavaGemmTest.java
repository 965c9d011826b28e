package dev.panamax.kernel;

class JavaGemmTest extends GemmSuite {
    @Override
    protected GemmBackend backend() {
        return Gemm.javaBackend();
    }
}
