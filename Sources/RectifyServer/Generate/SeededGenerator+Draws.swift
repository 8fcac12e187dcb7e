import Foundation
import RectifyCore

/// The draws the synthetic ledger is built from.
extension SeededGenerator {
    /// The generator of one body: independent of the other bodies, so body `i` is the same whether
    /// it is generated alone, first or last.
    static func forBody(seed: UInt64, index: Int) -> SeededGenerator {
        var mixer = SeededGenerator(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        return SeededGenerator(seed: mixer.next())
    }

    /// A number in `range` (the modulo bias is negligible for the small ranges used here).
    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { int(range.lowerBound..<(range.upperBound + 1)) }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(UInt64(1) << 53) < probability
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// A version-4 shaped UUID drawn from the generator.
    mutating func uuid() -> UUID {
        let a = next(), b = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

extension SeededGenerator {
    /// The generator of one round of a body, `back` rounds before the latest: independent of the
    /// other rounds, so the latest round does not change with `--rounds` (bar the planted repeats).
    static func forRound(seed: UInt64, index: Int, back: Int) -> SeededGenerator {
        forBody(seed: seed ^ (UInt64(back + 1) &* 0xA24B_AED4_963E_E407), index: index)
    }
}
