import Foundation
import RectifyCore

/// The content of a public rectification progress report (巡察整改进展情况的通报), in the
/// structure of published reports: opening, 一、organisation, 二、progress per source,
/// 三、next steps, the feedback channel, issuer and date. Every figure is the caller's.
public struct PublicReportContent: Sendable, Equatable {
    /// E.g. "中共XX局党组关于巡察整改进展情况的通报".
    public var title: String
    public var opening: [String]
    public var organisationHeading: String
    /// （一）（二）… subsections of section 一、.
    public var organisation: [PublicReportSubsection]
    /// The heading of the overall-figures subsection, which closes section 一、.
    public var summaryHeading: String
    /// The date the figures stand at ("截至…").
    public var summaryDate: Day?
    /// Figures of the overall summary; the first is the inspection feedback, the others follow
    /// after "此外".
    public var figures: [PublicReportFigure]
    public var progressHeading: String
    public var sources: [PublicReportSource]
    public var nextStepsHeading: String
    /// Paragraphs of section 三、, numbered 1. 2. … by the builder.
    public var nextSteps: [String]
    public var contacts: PublicReportContacts?
    public var issuer: String
    public var date: Day

    public init(title: String, opening: [String],
                organisationHeading: String = "党组及主要负责人组织整改落实情况",
                organisation: [PublicReportSubsection],
                summaryHeading: String = "落实巡察整改总体情况",
                summaryDate: Day? = nil, figures: [PublicReportFigure] = [],
                progressHeading: String = "集中整改期内巡察整改进展情况",
                sources: [PublicReportSource],
                nextStepsHeading: String = "下一步整改工作安排",
                nextSteps: [String], contacts: PublicReportContacts? = nil,
                issuer: String, date: Day) {
        self.title = title
        self.opening = opening
        self.organisationHeading = organisationHeading
        self.organisation = organisation
        self.summaryHeading = summaryHeading
        self.summaryDate = summaryDate
        self.figures = figures
        self.progressHeading = progressHeading
        self.sources = sources
        self.nextStepsHeading = nextStepsHeading
        self.nextSteps = nextSteps
        self.contacts = contacts
        self.issuer = issuer
        self.date = date
    }

    /// The overall summary paragraph: "截至2024年4月30日，…，整改完成率为100%；…。此外，…。".
    public var summaryParagraph: String? {
        guard let first = figures.first else { return nil }
        var text = summaryDate.map { "截至\($0.chinese)，" } ?? ""
        text += first.sentence
        if figures.count > 1 {
            text += "。此外，" + figures.dropFirst().map(\.sentence).joined(separator: "；")
        }
        return text + "。"
    }

    public func makeDocument() -> OfficialDocument {
        var blocks: [DocumentBlock] = opening.map { .paragraph($0) }
        var section = 0
        func nextSection() -> String {
            section += 1
            return ChineseOrdinal.chinese(section) + "、"
        }
        blocks.append(.heading1(nextSection() + organisationHeading))
        var sub = 0
        for subsection in organisation {
            sub += 1
            blocks.append(.heading2("（\(ChineseOrdinal.chinese(sub))）\(subsection.heading)"))
            blocks += subsection.paragraphs.map { .paragraph($0) }
        }
        if let summary = summaryParagraph {
            sub += 1
            blocks.append(.heading2("（\(ChineseOrdinal.chinese(sub))）\(summaryHeading)"))
            blocks.append(.paragraph(summary))
        }
        if !sources.isEmpty {
            blocks.append(.heading1(nextSection() + progressHeading))
            for (sourceIndex, source) in sources.enumerated() {
                let count = source.statedCount.map { "（共\($0)个）" } ?? ""
                blocks.append(.heading2("（\(ChineseOrdinal.chinese(sourceIndex + 1))）\(source.heading)\(count)"))
                var groupNumber = 0
                var directNumber = 0
                for group in source.groups {
                    if let label = group.label {
                        groupNumber += 1
                        let stated = group.statedCount.map { "（共\($0)个）" } ?? ""
                        blocks.append(.heading3("\(groupNumber).\(label)\(stated)"))
                        for (index, problem) in group.problems.enumerated() {
                            blocks.append(.heading4("（\(index + 1)）\(problem.heading)"))
                            blocks.append(.paragraph(problem.rectification))
                        }
                    } else {
                        for problem in group.problems {
                            directNumber += 1
                            blocks.append(.heading3("\(directNumber).\(problem.heading)"))
                            blocks.append(.paragraph(problem.rectification))
                        }
                    }
                }
            }
        }
        if !nextSteps.isEmpty {
            blocks.append(.heading1(nextSection() + nextStepsHeading))
            for (index, step) in nextSteps.enumerated() {
                blocks.append(.paragraph("\(index + 1).\(step)"))
            }
        }
        if let contacts {
            blocks.append(.paragraph(contacts.paragraph))
        }
        return OfficialDocument(title: title, blocks: blocks, issuer: issuer, date: date)
    }
}
