import Foundation
@testable import RectifyCore

/// A short hand-written report that passes every check, and a way to break one thing in it.
/// Rule tests replace one phrase and expect exactly the finding that change causes.
enum RuleSnippet {
    static let base = """
        按照市委统一部署，2023年7月31日至9月28日，市委第一巡察组对市水务局党组进行了常规巡察。2023年11月2日，市委第一巡察组向市水务局党组反馈了巡察意见。现将巡察整改进展情况予以公布。
        一、整改落实总体情况
        截至2024年4月30日，巡察反馈的2个具体问题，已完成整改2个，整改完成率为100%。
        二、巡察反馈问题整改进展情况
        1.已完成整改的具体问题（共2个）
        （1）关于“供水管网漏损率偏高”问题
        整改情况：①2023年12月，完成老旧供水管网改造12公里，管网漏损率下降至9.5%。②2024年1月10日，印发《供水管网巡查管理办法》。
        （2）关于“水费收缴不规范”问题
        整改情况：2024年3月，追回欠缴水费35.6万元。
        中共某市水务局党组
        2024年5月20日
        """

    static func text(replacing target: String = "", with replacement: String = "") -> String {
        guard !target.isEmpty else { return base }
        precondition(base.contains(target), "snippet has no \(target)")
        return base.replacingOccurrences(of: target, with: replacement)
    }

    static func check(_ text: String) throws -> (ReadReport, [ReportFinding]) {
        let report = try ReportReader().read(text: text)
        return (report, ReportChecker().check(report))
    }

    static func rules(_ text: String) throws -> [ReportRule] {
        try check(text).1.map(\.rule)
    }
}
