/// Every kind the runner knows, by name.
public enum KindRegistry {
    public static let all: [AnyExperimentKind] = [
        AnyExperimentKind(SoftmaxKind.self),
        AnyExperimentKind(VectorizationKind.self),
        AnyExperimentKind(BiasVarianceKind.self),
        AnyExperimentKind(DropoutEnsembleKind.self),
        AnyExperimentKind(TrainKind.self),
        AnyExperimentKind(HyperparameterSearchKind.self),
        AnyExperimentKind(SignalKind.self),
        AnyExperimentKind(BatchNormModesKind.self),
        AnyExperimentKind(OptimizerPathKind.self),
        AnyExperimentKind(GradientCheckKind.self),
    ]

    public static func kind(named name: String) -> AnyExperimentKind? {
        all.first(where: { $0.name == name })
    }
}

import NeuralEngine

/// Process-wide engine settings the runner applies before running blocks.
public enum EngineSettings {
    /// One BLAS thread: results are then bit-identical from run to run, and
    /// timing experiments compare single-core code with single-core BLAS.
    public static func useOneThread() {
        BLAS.setThreadCount(1)
    }
}
