import Foundation
import Testing
@testable import RectifyCore

/// The seed report read from each format the reader accepts gives the same result.
@Suite(.enabled(if: SeedLocator.isPresent, SeedLocator.skipped)) struct SeedFormatTests {
    enum Variant: String, CaseIterable, CustomStringConvertible {
        case utf8Text, docx, gb18030Text, asciiPunctuation, html
        var description: String { rawValue }
    }

    static func read(_ variant: Variant) throws -> (ReadReport, [ReportFinding]) {
        let seed = try SeedLocator.text()
        let lines = seed.components(separatedBy: "\n")
        let reader = ReportReader()
        let report: ReadReport
        switch variant {
        case .utf8Text:
            report = try reader.read(data: Data(seed.utf8), fileName: "seed.txt")
        case .docx:
            report = try reader.read(data: try TestDocuments.docx(lines: lines), fileName: "seed.docx")
        case .gb18030Text:
            let data = try TestDocuments.gb18030(seed)
            #expect(String(data: data, encoding: .utf8) == nil, "GB18030 bytes must not pass as UTF-8")
            report = try reader.read(data: data, fileName: "seed.txt")
        case .asciiPunctuation:
            report = try reader.read(data: Data(TestDocuments.asciiPunctuation(seed).utf8))
        case .html:
            report = try reader.read(data: Data(TestDocuments.html(lines: lines).utf8), fileName: "seed.html")
        }
        return (report, ReportChecker().check(report))
    }

    @Test(arguments: Variant.allCases)
    func seedReadsTheSameInEveryFormat(_ variant: Variant) throws {
        let (report, findings) = try Self.read(variant)
        SeedExpectations.verify(report, findings)
    }

    @Test func plainTextLocationsPointAtTheSeedLines() throws {
        let (report, findings) = try Self.read(.utf8Text)
        #expect(report.format == .text)
        #expect(report.problem(.inspectionFeedback, 1)?.location.line == 12)
        #expect(report.problem(.inspectionFeedback, 20)?.measures.last?.location.line == 51)
        let before = findings.first { $0.rule == .dateBeforeInspection && $0.problemNumber == 25 }
        #expect(before?.quote?.text == "2023年5月4日,组织召开了青年干部座谈会;")
        #expect(before?.quote?.location.line == 61)
        // Site chrome after the signature is not part of the report.
        #expect(report.lineCount == 88)
    }

    @Test func docxParagraphNumbersMatchTheLines() throws {
        let (report, _) = try Self.read(.docx)
        #expect(report.format == .docx)
        #expect(report.problem(.inspectionFeedback, 30)?.location.line == 70)
    }

    @Test func htmlDropsScriptsNavigationAndTrailingLinks() throws {
        let (report, _) = try Self.read(.html)
        #expect(report.format == .html)
        #expect(!report.problems.contains { $0.title.contains("脚本") })
        #expect(report.round.issuer == "中共赣州市城市管理局党组")
        #expect(report.problems.last?.progressText.contains("上一篇") == false)
    }

    @Test func seedFactsAreResolved() throws {
        let (report, _) = try Self.read(.utf8Text)
        let three = try #require(report.problem(.inspectionFeedback, 3))
        #expect(three.facts.contains { $0.kind == .quantity && $0.text == "540个" && $0.value == 540 })
        #expect(three.facts.contains { $0.kind == .quantity && $0.value == 8.08 && $0.unit == "万个" })
        let seventeen = try #require(report.problem(.inspectionFeedback, 17))
        let money = try #require(seventeen.facts.first { $0.kind == .money })
        #expect(money.text == "144.3241万元")
        #expect(money.recovered == true)
        #expect(money.yuan.map { abs($0 - 1_443_241) < 0.01 } == true)
        let two = try #require(report.problem(.inspectionFeedback, 2))
        #expect(two.facts.contains { $0.documentNumber == "赣市财基字〔2024〕3号" && $0.documentTitle == "关于下达2023年度中心城区城市管理考核奖励资金的通知" })
        let five = try #require(report.problem(.inspectionFeedback, 5))
        let inherited = try #require(five.facts.first { $0.text == "12月25日" })
        #expect(inherited.date?.start == Day(year: 2023, month: 12, day: 25))
        #expect(inherited.date?.yearInferred == true)
        let range = try #require(five.facts.first { $0.text == "2023年11月30日—12月12日" })
        #expect(range.date?.start == Day(year: 2023, month: 11, day: 30))
        #expect(range.date?.end == Day(year: 2023, month: 12, day: 12))
        let people = report.problems.flatMap(\.facts).compactMap { $0.kind == .accountability ? $0.people : nil }
        #expect(people == [3, 3, 4, 8])
    }
}
