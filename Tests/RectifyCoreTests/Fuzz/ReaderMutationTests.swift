import Foundation
import Testing
@testable import RectifyCore

/// Seeded mutation testing of the report reader and checker: thousands of damaged variants of the
/// seed report must each be read into a report or refused with a `ReportReadError`, never crash
/// or throw anything else, and every report read must pass the checker with sane findings.
@Suite struct ReaderMutationTests {
    static let insertions = ["一、", "（一）", "1.", "（1）", "①", "④", "关于“", "”问题", "整改情况：", "2023年7月", "2024年13月45日",
                             "截至2024年4月30日", "问责23人", "已完成整改30个", "《", "》", "〔2024〕3号", "100%", "\u{0}", "\r\n"]

    static func mutate(_ lines: [String], _ rng: inout SeededGenerator) -> Data {
        var lines = lines
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            guard !lines.isEmpty else { break }
            let i = Int.random(in: 0..<lines.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i)
            case 2: lines[i] = String(lines[i].prefix(Int.random(in: 0...max(0, lines[i].count), using: &rng)))
            case 3: lines.insert(insertions.randomElement(using: &rng)!, at: i)
            case 4:
                var chars = Array(lines[i])
                if !chars.isEmpty { chars.insert(contentsOf: insertions.randomElement(using: &rng)!, at: Int.random(in: 0...chars.count, using: &rng)) }
                lines[i] = String(chars)
            case 5: lines[i] = lines[i].replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "，", with: ",")
            case 6: lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
            default: lines = Array(lines.prefix(i))
            }
        }
        var data = Data(lines.joined(separator: "\n").utf8)
        if Int.random(in: 0..<10, using: &rng) == 0, !data.isEmpty {
            // Raw byte damage: invalid UTF-8 and GB18030 sequences.
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                data[Int.random(in: 0..<data.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
        }
        return data
    }

    /// 4,000 inputs in four seeded batches that run in parallel (a debug build reads and checks about
    /// 130 damaged reports a second on two cores; larger runs belong to the on-demand fuzzer).
    @Test(.enabled(if: SeedLocator.isPresent, SeedLocator.skipped), arguments: [1, 2, 3, 4] as [UInt64])
    func damagedReportsAreReadOrRefusedNeverCrash(batch: UInt64) throws {
        let seed = try SeedLocator.text()
        let lines = seed.components(separatedBy: "\n")
        var rng = SeededGenerator(seed: batch &* 0xA076_1D64_78BD_642F)
        let reader = ReportReader(), checker = ReportChecker()
        var read = 0, refused = 0
        for n in 0..<1_000 {
            let data = Self.mutate(lines, &rng)
            let name = n % 50 == 0 ? "report.docx" : n % 37 == 0 ? "report.html" : "report.txt"
            do {
                let report = try reader.read(data: data, fileName: name)
                read += 1
                for finding in checker.check(report) {
                    if let line = finding.quote?.location.line {
                        #expect(line >= 1, "batch \(batch) input \(n): finding on line \(line)")
                    }
                }
                for problem in report.problems {
                    #expect(problem.number > 0, "batch \(batch) input \(n)")
                    #expect(!problem.title.isEmpty, "batch \(batch) input \(n)")
                }
            } catch is ReportReadError {
                refused += 1
            }
        }
        #expect(read + refused == 1_000)
        #expect(read > 200, "many damaged copies of a real report still read as reports")
    }
}
