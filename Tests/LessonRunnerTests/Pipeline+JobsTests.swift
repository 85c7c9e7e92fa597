import Testing
@testable import LessonRunner

/// Issue 21 (medium 3): budgets are per block, so `--jobs N` multiplied peak
/// memory (422 → 813 MB at 2 jobs; a 16-core runner could need ~64 GB).
@Suite struct PipelineJobsTests {
    @Test func jobsAreReducedToFitTheMachinesMemory() {
        let gib: UInt64 = 1 << 30
        #expect(Pipeline.jobsFitting(16, physicalMemory: 8 * gib) == 8)
        #expect(Pipeline.jobsFitting(16, physicalMemory: 64 * gib) == 16)
        #expect(Pipeline.jobsFitting(4, physicalMemory: gib / 2) == 1)
        #expect(Pipeline.jobsFitting(0, physicalMemory: 8 * gib) == 1)
        #expect(Pipeline.jobsFitting(2, physicalMemory: .max) == 2)
    }
}
