import Foundation
import Testing
@testable import RectifyCore

/// Damaged and partial inputs either read or fail with a `ReportReadError`, never crash.
struct RobustnessTests {
    /// A small deterministic generator so that failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    @Test(.enabled(if: SeedLocator.isPresent, SeedLocator.skipped)) func truncatedAndMangledSeed() throws {
        let seed = Array(try SeedLocator.text())
        var generator = Generator(state: 42)
        var read = 0
        var refused = 0
        for round in 0..<40 {
            var characters = Array(seed.prefix(Int.random(in: 1...seed.count, using: &generator)))
            for _ in 0..<(round % 8) where !characters.isEmpty {
                let index = Int.random(in: 0..<characters.count, using: &generator)
                characters[index] = ["（", "①", "\n", "年", "。", "“", "2"].randomElement(using: &generator)!
            }
            do {
                let report = try ReportReader().read(text: String(characters))
                _ = ReportChecker().check(report)
                read += 1
            } catch is ReportReadError {
                refused += 1
            }
        }
        #expect(read + refused == 40)
        #expect(read > 0)
    }

    @Test func randomBytesAreRefused() {
        var generator = Generator(state: 7)
        for length in [1, 3, 64, 1000] {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            #expect(throws: ReportReadError.self) { try ReportReader().read(data: bytes) }
        }
    }
}
