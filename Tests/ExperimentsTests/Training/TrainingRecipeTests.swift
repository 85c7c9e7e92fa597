import Testing
@testable import Experiments

/// The recipe's words in a caption: counts grouped as the caption's other
/// numbers are ("1,000 training examples … 3,000 epochs", not "3000").
@Suite struct TrainingRecipeTests {
    func recipe(epochs: Int, batchSize: Int) -> TrainingRecipe {
        TrainingRecipe(epochs: epochs, batchSize: batchSize, learningRate: 0.1, optimizer: .sgd, weightDecay: 0)
    }

    @Test func countsAreGrouped() {
        #expect(recipe(epochs: 3_000, batchSize: 1_024).label == "SGD, η = 0.1, 3,000 epochs of batches of 1,024")
        #expect(recipe(epochs: 1, batchSize: 32).label == "SGD, η = 0.1, 1 epoch of batches of 32")
    }

    /// `batch_size: all` is the whole set, never "batches of 9,223,372,036,854,775,807".
    @Test func theWholeTrainingSetIsNamed() {
        #expect(recipe(epochs: 1_000, batchSize: Int.max).label == "SGD, η = 0.1, 1,000 epochs of the whole training set")
    }
}
