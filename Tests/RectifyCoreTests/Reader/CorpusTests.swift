import Foundation
import Testing
@testable import RectifyCore

/// The repository's own corpus of reports (`Tests/Fixtures/reports/`, written for these tests: other
/// bodies, numberings, encodings and formats than the seed), each with the facts it states in JSON.
///
/// Every report is held to the honesty rule: no finding of a rule the report does not break, and no
/// figure read wrongly (a figure may be unread, never misread). The reports the reader fully
/// understands are also held to reading every figure and finding every planted inconsistency.
struct CorpusTests {
    struct Expected: Decodable {
        struct Stated: Decodable {
            var problems: Int?
            var completed: Int?
            var ongoing: Int?
            var completionRate: String?
            var measures: Int?
            var accountabilityTotal: Int?
            var accountabilityByForm: [String: Int]?
            var accountabilityByRank: [String: Int]?
            var money: [String]?
        }
        struct Round: Decodable {
            var onSiteStart: String?
            var onSiteEnd: String?
            var feedbackDate: String?
            var statusDate: String?
            var publicationDate: String?
        }
        struct Listed: Decodable {
            var problems: Int
            var measures: Int
            var completedProblems: Int?
        }
        var file: String
        var complete: Bool
        var kind: String
        var round: Round
        var stated: Stated
        var listed: Listed
        var findings: [String]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/reports")

    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()

    /// `paper.no_measurable_result` judges a completed problem's wording (纸面整改 risk), not the report's
    /// consistency; the corpus states no truth for it.
    static let judgements: Set<ReportRule> = [.noMeasurableResult]

    /// The reports whose every stated figure and listed item the reader reads: held to all of it.
    static let fullyRead: Set<String> = [
        "01-wangchuan-weijian", "02-qingyu-second-hospital", "03-jianglan-university", "04-qingyu-chengtou",
        "05-linxi-town", "06-qingyu-education-gb18030", "07-hefeng-county-committee", "08-wangchuan-no1-middle-school",
        "09-jiaotou-logistics", "10-round-summary-city", "11-hefeng-agri-units", "12-beiwan-market-supervision",
        "13-qingyu-water-group", "14-wangchuan-housing-table", "15-qingyu-culture-autonum", "16-beiwan-civil-affairs",
        "17-hefeng-medical-insurance-gb18030", "18-beiwan-justice", "19-beiwan-chengguan-street", "20-qingyu-housing-fund",
        "21-hefeng-hrss", "22-qingyu-culture-tourism-group", "23-songling-sports-bureau", "24-chengjiang-rural-bank",
        "25-yunxi-district-hospital", "26-songling-transport-table",
    ]

    static func load(_ name: String) throws -> (Expected, ReadReport, ReportCheck) {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
        let data = try Data(contentsOf: folder.appendingPathComponent(expected.file))
        let report = try ReportReader().read(data: data, fileName: expected.file)
        return (expected, report, ReportChecker().analyze(report))
    }

    @Test func theCorpusHoldsTwentyOrMoreReportsOfEveryFormat() throws {
        #expect(Self.names.count >= 20)
        let files = try Self.names.map { try Self.load($0).0.file }
        for format in [".txt", ".html", ".docx", "-gb18030.txt"] { #expect(files.contains { $0.hasSuffix(format) }, "\(format)") }
    }

    @Test(arguments: names)
    func noFindingTheReportDoesNotDeserveAndNoFigureMisread(_ name: String) throws {
        let (expected, report, check) = try Self.load(name)
        let planted = Set(expected.findings)
        for finding in check.findings where finding.severity != .info && !Self.judgements.contains(finding.rule) {
            #expect(planted.contains(finding.rule.rawValue), "false finding: \(finding.message) “\(finding.quote?.text ?? "")”")
        }
        #expect(report.isComplete == expected.complete)
        // A report on behalf of several bodies may be taken for a round summary: its counts are then
        // not compared, which is the cautious reading; one body's own report never is.
        if expected.kind == "round_summary" { #expect(report.isRoundSummary) }
        if expected.kind == "body_report" { #expect(!report.isRoundSummary) }
        // A figure the reader states it read is the one the text states.
        let claims = report.claims.bySource.filter { !$0.problemsDerived }
        func sum(_ values: [ReportClaimedValue?]) -> Int? {
            let read = values.compactMap { $0 }
            return read.isEmpty ? nil : read.reduce(0) { $0 + $1.count }
        }
        func misread(_ what: String, _ read: Int?, _ stated: Int?) {
            guard let read else { return }
            #expect(read == stated, "\(what) read as \(read), the text states \(stated.map(String.init) ?? "none")")
        }
        misread("problems", sum(claims.map(\.problems)), expected.stated.problems)
        misread("completed", sum(report.claims.bySource.filter { !$0.completedDerived }.map(\.completed)), expected.stated.completed)
        misread("ongoing", sum(report.claims.bySource.map(\.ongoing)), expected.stated.ongoing)
        misread("measures", report.claims.measuresPlanned?.count, expected.stated.measures)
        misread("accountability total", report.claims.accountabilityTotal?.count, expected.stated.accountabilityTotal)
        let money = Set(report.claims.moneyRecovered.map { ReportDecimal.yuan($0.value) })
        #expect(money.isSubset(of: Set(expected.stated.money ?? [])), "money read \(money.sorted())")
        if let rate = report.claims.completionRate {
            #expect(ReportDecimal.text(rate.value, digits: 1) == expected.stated.completionRate)
        }
    }

    @Test(arguments: names.filter { fullyRead.contains(String($0.dropLast(5))) })
    func aReportTheReaderUnderstandsIsReadWhole(_ name: String) throws {
        let (expected, report, check) = try Self.load(name)
        let found = Set(check.findings.filter { !Self.judgements.contains($0.rule) && $0.severity != .info }.map(\.rule.rawValue))
        #expect(found == Set(expected.findings), "findings \(found.sorted()) against \(expected.findings.sorted())")
        #expect(report.problems.count == expected.listed.problems)
        #expect(report.measureCount == expected.listed.measures)
        let claims = report.claims.bySource.filter { !$0.problemsDerived }
        #expect(claims.compactMap(\.problems).reduce(0) { $0 + $1.count } == (expected.stated.problems ?? 0))
        #expect(report.claims.measuresPlanned?.count == expected.stated.measures)
        #expect(report.claims.accountabilityTotal?.count == expected.stated.accountabilityTotal)
        // Accountability by form and by rank, money and the round's dates, as the text states them.
        let forms = Dictionary(report.claims.accountabilityByForm.map { ($0.form, $0.people) }, uniquingKeysWith: +)
        #expect(forms == (expected.stated.accountabilityByForm ?? [:]))
        let ranks = Dictionary(report.claims.accountabilityByRank.map { ($0.rank, $0.people) }, uniquingKeysWith: +)
        #expect(ranks == (expected.stated.accountabilityByRank ?? [:]))
        #expect(report.claims.moneyRecovered.map { ReportDecimal.yuan($0.value) }.sorted() == (expected.stated.money ?? []).sorted())
        let round = report.round
        #expect(round.onSiteStart?.iso == expected.round.onSiteStart)
        #expect(round.onSiteEnd?.iso == expected.round.onSiteEnd)
        #expect(round.feedbackDate?.iso == expected.round.feedbackDate)
        #expect(round.statusDate?.iso == expected.round.statusDate)
        #expect(round.publicationDate?.iso == expected.round.publicationDate)
        if let completed = expected.listed.completedProblems {
            #expect(report.problems.filter { $0.status == .completed }.count == completed)
        }
    }
}
