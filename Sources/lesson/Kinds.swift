import ArgumentParser
import Experiments
import LessonSupport
import NeuralEngine

struct Kinds: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every experiment kind with its keys (types, defaults, ranges), the values it produces and its work budget.")

    @Argument(help: "Show only these kinds.")
    var names: [String] = []

    @Flag(help: "Print the reference as a lesson-style Markdown page (what `make render` ships as Reference).")
    var markdown = false

    func validate() throws {
        let known = KindRegistry.all.map(\.name)
        for name in names where !known.contains(name) {
            throw ValidationError("unknown kind '\(name)'" + Suggestion.didYouMean(name, in: known) + " (kinds: \(known.joined(separator: ", ")))")
        }
    }

    func run() {
        let kinds = KindRegistry.all.filter { names.isEmpty || names.contains($0.name) }
        print(markdown ? KindReference.markdown(for: kinds) : KindReference.text(for: kinds))
    }
}
