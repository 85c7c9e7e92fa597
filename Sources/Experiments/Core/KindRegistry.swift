/// Every kind the runner knows, by name.
public enum KindRegistry {
    public static let all: [AnyExperimentKind] = [
        AnyExperimentKind(SoftmaxKind.self),
        AnyExperimentKind(VectorizationKind.self),
        AnyExperimentKind(BiasVarianceKind.self),
        AnyExperimentKind(DropoutEnsembleKind.self),
    ]

    public static func kind(named name: String) -> AnyExperimentKind? {
        all.first(where: { $0.name == name })
    }

    /// Bumped whenever an engine or kind change alters results, so cached
    /// results of older versions are not reused.
    public static let engineVersion = "1"
}
