import Experiments
import LessonResults

/// The seed a block's head shows: "seed 7", or "8 seeds: 7–14" (in the
/// page's language).
enum SeedLabel {
    static func text(_ planned: PlannedBlock, words: InterfaceWords = .english) -> String {
        let seeds = planned.seeds
        guard let first = seeds.first else { return words.seed(String(planned.seed)) }
        if seeds.count == 1 { return words.seeds(1, String(first)) }
        let consecutive = zip(seeds, seeds.dropFirst()).allSatisfy { $1 == $0 + 1 }
        let list = consecutive ? "\(first)–\(seeds.last!)"
            : seeds.prefix(4).map(String.init).joined(separator: ", ") + (seeds.count > 4 ? ", …" : "")
        return words.seeds(seeds.count, list)
    }
}
