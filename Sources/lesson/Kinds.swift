import ArgumentParser
import Experiments
import LessonSupport
import NeuralEngine

struct Kinds: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every experiment kind with its keys, types, defaults and ranges.")

    @Argument(help: "Show only these kinds.")
    var names: [String] = []

    func validate() throws {
        let known = KindRegistry.all.map(\.name)
        for name in names where !known.contains(name) {
            throw ValidationError("unknown kind '\(name)'" + Suggestion.didYouMean(name, in: known) + " (kinds: \(known.joined(separator: ", ")))")
        }
    }

    func run() {
        print(KindReference.text(for: KindRegistry.all.filter { names.isEmpty || names.contains($0.name) }))
    }
}
