import Experiments
import LessonMarkdown

/// What a block's `explore:` asks for, planned: the settings a reader may
/// move, and one prepared run per combination of their values.
public struct ExplorePlan: Sendable {
    /// One explored setting: a key of the block's kind and the values offered.
    public struct Setting: Sendable, Equatable {
        public var name: String
        /// The values as the author wrote them ("0.5", "tanh"), in order.
        public var values: [String]
        /// The position of the block's own setting among ``values``.
        public var defaultIndex: Int
        public var location: SourceLocation

        public init(name: String, values: [String], defaultIndex: Int, location: SourceLocation) {
            self.name = name
            self.values = values
            self.defaultIndex = defaultIndex
            self.location = location
        }
    }

    /// One combination: a value index per setting, and its run.
    public struct Position: Sendable {
        public var indices: [Int]
        public var prepared: PreparedExperiment

        public init(indices: [Int], prepared: PreparedExperiment) {
            self.indices = indices
            self.prepared = prepared
        }
    }

    /// One or two settings, in the order written.
    public var settings: [Setting]
    /// Every combination, the first setting's values varying slowest.
    public var positions: [Position]

    public init(settings: [Setting], positions: [Position]) {
        self.settings = settings
        self.positions = positions
    }

    /// The combination the block itself describes: what its expectations,
    /// its inline values without JavaScript and its printed page show.
    public var defaultPosition: Int { index(of: settings.map(\.defaultIndex)) }

    /// The position of a combination of value indices (one per setting).
    public func index(of indices: [Int]) -> Int {
        var index = 0
        for (setting, i) in zip(settings, indices) { index = index * setting.values.count + i }
        return index
    }

    /// "keep_prob = 0.2, learning_rate = 0.1"
    public func label(_ position: Int) -> String {
        zip(settings, positions[position].indices).map { "\($0.name) = \($0.values[$1])" }.joined(separator: ", ")
    }
}
