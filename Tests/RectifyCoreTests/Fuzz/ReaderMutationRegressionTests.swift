import Foundation
import Testing
import ZIPFoundation
@testable import RectifyCore

/// Crashes found by `ReaderMutationSweepTests` and the libFuzzer harness (Fuzz/), each
/// reduced to a small input. Each input is read and checked in a child process (an exit test), so
/// a crash fails its test instead of taking the whole test run down; each test passes once the
/// reader refuses or reads the input and the checker runs on it.
///
/// The .docx archive and XML crashes found by the same sweep are in `DamagedArchiveTests`.
@Suite struct ReaderMutationRegressionTests {
    /// Reads and checks; exits the child process with a failure on anything but a report or a
    /// `ReportReadError`.
    static func readAndCheck(_ data: Data, fileName: String? = nil) {
        do {
            let report = try ReportReader().read(data: data, fileName: fileName)
            for finding in ReportChecker().check(report) { _ = finding.message }
        } catch is ReportReadError {
        } catch {
            fatalError("threw \(type(of: error)): \(error)")
        }
    }

    static let opening = "按照市委统一部署，2023年7月31日至9月28日，市委第三巡察组对市城管局党组进行了常规巡察。2023年11月2日，市委第三巡察组向市城管局党组反馈了巡察意见。"

    // MARK: Claimed figures too large for Int

    /// Sweep input #19892: a damaged seed excerpt whose summary reads `已完成整改2513430290437480790680094个`.
    /// `ReportChecker.claimedCounts` formats the completed count for the completion-rate finding
    /// with `format(_:)`, whose `String(Int(value))` traps on a value beyond `Int.max`
    /// (ReportChecker.swift:324, `Double value cannot be converted to Int`).
    static let hugeCompletedCount = opening + "\n截至2024年4月30日，巡察反馈的2个问题，已完成整改99999999999999999999个，整改完成率为100%。"

    @Test func hugeCompletedCountInTheSummary() async {
        await #expect(processExitsWith: .success) {
            ReaderMutationRegressionTests.readAndCheck(Data(ReaderMutationRegressionTests.hugeCompletedCount.utf8))
        }
    }

    /// The same trap through `ReportClaimedValue.count` (`Int(value.rounded())`) when the claimed
    /// number of problems is compared with the problems listed.
    static let hugeProblemCount = opening + """

        截至2024年4月30日，巡察反馈的99999999999999999999个问题，已完成整改1个。
        （1）关于“资金管理不规范”问题
        整改情况：2024年1月，追回资金3万元。
        """

    @Test func hugeProblemCountInTheSummary() async {
        await #expect(processExitsWith: .success) {
            ReaderMutationRegressionTests.readAndCheck(Data(ReaderMutationRegressionTests.hugeProblemCount.utf8))
        }
    }

    /// A completion rate beyond `Int.max` traps in `format(rate.value)` the same way.
    static let hugeCompletionRate = opening + "\n截至2024年4月30日，巡察反馈的2个问题，已完成整改1个，整改完成率为99999999999999999999%。"

    @Test func hugeCompletionRate() async {
        await #expect(processExitsWith: .success) {
            ReaderMutationRegressionTests.readAndCheck(Data(ReaderMutationRegressionTests.hugeCompletionRate.utf8))
        }
    }

    // MARK: Long Chinese numerals

    /// A heading label of twenty Chinese digits: `ReaderNumerals.chinese` reads digits one by one
    /// (`二〇二四`) with `result * 10 + digit`, which overflows past nineteen digits.
    static let longChineseHeading = opening + "\n一二三四五六七八九一二三四五六七八九一二、巡察反馈问题整改情况\n整改情况：已完成整改。"

    @Test func longChineseNumeralHeading() async {
        await #expect(processExitsWith: .success) {
            ReaderMutationRegressionTests.readAndCheck(Data(ReaderMutationRegressionTests.longChineseHeading.utf8))
        }
    }

    // MARK: .docx list numbering

    /// A .docx with one numbered paragraph using list level 0 of `format`, starting at `start`,
    /// at level `level` (the `w:ilvl` of the level definition and of the paragraph).
    static func numberedDocx(format: String, start: String, level: String = "0", text: String = "%1.") throws -> Data {
        let numbering = #"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
            + #"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="\#(level)"><w:start w:val="\#(start)"/><w:numFmt w:val="\#(format)"/>"#
            + #"<w:lvlText w:val="\#(text)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        let numbered = #"<w:p><w:pPr><w:numPr><w:ilvl w:val="\#(level)"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>关于“资金管理不规范”问题</w:t></w:r></w:p>"#
        let lines = opening.components(separatedBy: "\n").map(ReaderMutationSweepTests.paragraphXML)
        return try ReaderMutationSweepTests.docx(paragraphs: lines + [numbered, numbered], numbering: numbering)
    }

    static func readNumbered(format: String, start: String, level: String = "0", text: String = "%1.") {
        readAndCheck(try! numberedDocx(format: format, start: start, level: level, text: text), fileName: "report.docx")
    }

    /// `decimalFullWidth` maps each character of `String(value)` to U+FF10 + digit; the `-` of a
    /// negative start underflows `UInt32` (ReportDocxNumbering.format).
    @Test func negativeStartInFullWidthDigits() async {
        await #expect(processExitsWith: .success) {
            ReaderMutationRegressionTests.readNumbered(format: "decimalFullWidth", start: "-1")
        }
    }

    /// `nextLabel` computes `definition.start - 1`, which overflows for `Int.min`.
    @Test func smallestStart() async {
        await #expect(processExitsWith: .success) {
            ReaderMutationRegressionTests.readNumbered(format: "decimal", start: "-9223372036854775808")
        }
    }

    /// The second paragraph's counter is `Int.max + 1`.
    @Test func largestStart() async {
        await #expect(processExitsWith: .success) {
            ReaderMutationRegressionTests.readNumbered(format: "decimal", start: "9223372036854775807")
        }
    }

    /// `nextLabel` builds the placeholder `%\(lvl + 1)`, which overflows for level `Int.max`.
    @Test func largestLevel() async {
        await #expect(processExitsWith: .success) {
            ReaderMutationRegressionTests.readNumbered(format: "decimal", start: "1", level: "9223372036854775807")
        }
    }

    /// Roman numerals are built one `M` per thousand (ReportDocxNumbering.romanNumeral): a start of
    /// 10^15 runs for minutes and then aborts out of memory. The child gives up after 20 seconds.
    @Test func hugeRomanStart() async {
        await #expect(processExitsWith: .success) {
            alarm(20)
            ReaderMutationRegressionTests.readNumbered(format: "upperRoman", start: "1000000000000000")
        }
    }
}
