import Foundation
import Testing
import LessonSupport

@Suite struct StableHashTests {
    /// The published FNV-1a 64-bit test vectors: cache file names and seeds
    /// derived from these hashes must never change by accident.
    @Test func matchesThePublishedFNV1aVectors() {
        #expect(StableHash.hex(StableHash.fnv1a64("")) == "cbf29ce484222325")
        #expect(StableHash.hex(StableHash.fnv1a64("a")) == "af63dc4c8601ec8c")
        #expect(StableHash.hex(StableHash.fnv1a64("foobar")) == "85944171f73967e8")
    }

    /// The word-wise digest sees every byte, including the last few that do not fill a word, and the length.
    @Test func digest128SeesEveryByte() {
        let bytes = Data((0..<1_001).map { UInt8($0 % 251) })
        let digest = StableHash.digest128(bytes)
        #expect(digest.count == 32)
        for position in [0, 7, 8, 999, 1_000] {
            var changed = bytes
            changed[position] ^= 1
            #expect(StableHash.digest128(changed) != digest, "byte \(position)")
        }
        #expect(StableHash.digest128(bytes + Data([0])) != digest)
        #expect(StableHash.digest128(Data()) != StableHash.digest128(Data([0])))
        #expect(StableHash.digest128(bytes) == digest)
    }

    @Test func stringDataAndByteOverloadsAgree() {
        for text in ["", "a", "foobar", "é😀\u{0}x"] {
            let expected = StableHash.fnv1a64(text)
            #expect(StableHash.fnv1a64(Data(text.utf8)) == expected)
            #expect(StableHash.fnv1a64(Array(text.utf8)) == expected)
            #expect(StableHash.fnv1a64(Data(text.utf8), basis: StableHash.secondBasis)
                == StableHash.fnv1a64(text, basis: StableHash.secondBasis))
        }
    }

    /// Chaining through `basis:` hashes the concatenation, which the math
    /// cache relies on to keep its old keys without building byte arrays.
    @Test func chainingEqualsHashingTheConcatenation() {
        #expect(StableHash.fnv1a64("bar", basis: StableHash.fnv1a64("foo")) == StableHash.fnv1a64("foobar"))
        #expect(StableHash.fnv1a64("bar", basis: StableHash.fnv1a64("foo")) != StableHash.fnv1a64("barfoo"))
    }

    @Test func hexIsSixteenPaddedDigitsAndHex128TwoPasses() {
        #expect(StableHash.hex(0) == "0000000000000000")
        #expect(StableHash.hex(0xab) == "00000000000000ab")
        let wide = StableHash.hex128("foobar")
        #expect(wide.count == 32)
        #expect(wide == "85944171f73967e8" + StableHash.hex(StableHash.fnv1a64("foobar", basis: StableHash.secondBasis)))
    }
}
