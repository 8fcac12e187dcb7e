import Foundation
import Testing
@testable import RectifyCore

struct RendererTests {
    @Test func jsonRoundTripsWithStableKeys() throws {
        let report = try ReportReader().read(text: VariantReportTests.irregular)
        let findings = ReportChecker().check(report)
        let json = try ReportRenderer.json(report, findings: findings)
        let decoded = try JSONDecoder().decode(ReportAnalysis.self, from: Data(json.utf8))
        #expect(decoded == ReportAnalysis(report: report, findings: findings))
        #expect(json.contains("\"rule\" : \"numbering.mixed_style\""))
        #expect(json.contains("\"onSiteStart\" : \"2023-08-07\""))
        // Sorted keys make the output byte-stable for the same input.
        #expect(try ReportRenderer.json(report, findings: findings) == json)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(keys.keys) == ["report", "findings", "unchecked"])
    }

    @Test func tableSummarisesInChinese() throws {
        let report = try ReportReader().read(text: VariantReportTests.irregular)
        let table = ReportRenderer.table(report, findings: ReportChecker().check(report))
        #expect(table.contains("巡察组：市委第五巡察组　被巡察单位：市档案馆党支部"))
        #expect(table.contains("巡察反馈：问题3个（正文列出3个），已完成3个，完成率100%"))
        #expect(table.contains("核查结果：错误0条，警告3条，提示0条"))
        #expect(table.contains("[警告] numbering.mixed_style"))
        #expect(table.contains("档案数字化进度滞后"))
    }
}
