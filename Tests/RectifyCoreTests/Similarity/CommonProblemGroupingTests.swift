import Foundation
import Testing
@testable import RectifyCore

@Suite struct CommonProblemGroupingTests {
    static let bodies = (0..<5).map { UUID(uuidString: "00000000-0000-0000-0000-00000000000\($0)")! }

    static func item(_ n: Int, body: Int, category: String? = "党的建设", aspect: String? = nil, _ title: String,
                     description: String? = nil, status: RectificationStatus = .inProgress, overdue: Bool = false) -> CommonProblemItem {
        CommonProblemItem(problemID: UUID(uuidString: String(format: "10000000-0000-0000-0000-%012d", n))!, bodyID: bodies[body],
                          roundID: UUID(uuidString: String(format: "20000000-0000-0000-0000-%012d", body))!, category: category,
                          aspect: aspect, title: title, description: description, status: status, overdue: overdue)
    }

    /// The same finding in three bodies with other figures and unit names; an unrelated finding of
    /// the same category in a fourth.
    static let sample: [CommonProblemItem] = [
        item(1, body: 0, aspect: "组织生活", "2023年度“三会一课”制度落实不到位，支部组织生活会开展不经常", status: .closed),
        item(2, body: 1, aspect: "组织生活", "2022年度“三会一课”制度落实不到位，支部组织生活会开展不经常", overdue: true),
        item(3, body: 2, "“三会一课”制度落实不到位，第二党支部组织生活会开展不经常"),
        item(4, body: 3, aspect: "选人用人", "干部选拔任用程序不规范，个别岗位长期空缺"),
        item(5, body: 1, category: "财务管理", "专项资金使用管理不规范，15.30万元未按规定用途使用", overdue: true),
        item(6, body: 4, category: "财务管理", "专项资金使用管理不规范，8万元未按规定用途使用"),
    ]

    @Test func nearDuplicatesWithOtherFiguresAndUnitsGroupAcrossBodies() throws {
        let groups = CommonProblemGrouping.group(Self.sample, minimumBodies: 2)
        #expect(groups.count == 2)
        let party = try #require(groups.first)
        #expect(party.category == "党的建设")
        #expect(party.aspect == "组织生活")
        #expect(party.bodyCount == 3 && party.problemCount == 3)
        #expect(Set(party.members) == Set([1, 2, 3].map { Self.sample[$0 - 1].problemID }))
        #expect(party.statuses[.closed] == 1 && party.statuses[.inProgress] == 2)
        #expect(party.overdue == 1)
        #expect(abs(party.overdueShare - 1.0 / 3.0) < 1e-9)
        #expect(party.overduePercent == 33)
        #expect(party.representativeTitle.contains("三会一课"))
        #expect(party.members.first == party.representative)
        let funds = groups[1]
        #expect(funds.category == "财务管理" && funds.bodyCount == 2 && funds.overdue == 1)
    }

    @Test func differentProblemsOfOneCategoryStayApart() {
        let groups = CommonProblemGrouping.group(Self.sample)
        let selection = groups.first { $0.members.contains(Self.sample[3].problemID) }
        #expect(selection?.problemCount == 1)
        #expect(selection?.weakestLink == 1)
        // Six problems: three alike, two alike, one alone.
        #expect(groups.map(\.problemCount).sorted() == [1, 2, 3])
    }

    @Test func problemsOfDifferentCategoriesAreNeverCompared() {
        let items = [
            Self.item(1, body: 0, category: "党的建设", "专项资金使用管理不规范"),
            Self.item(2, body: 1, category: "财务管理", "专项资金使用管理不规范"),
            Self.item(3, body: 2, category: " 财务 管理 ", "专项资金使用管理不规范"),
        ]
        let groups = CommonProblemGrouping.group(items, minimumBodies: 2)
        #expect(groups.count == 1)
        #expect(groups.first?.problemCount == 2)
        #expect(groups.first?.members.contains(items[0].problemID) == false)
    }

    @Test func theThresholdDecidesTheGrouping() {
        let items = [
            Self.item(1, body: 0, "公务用车管理不规范，存在公车私用问题"),
            Self.item(2, body: 1, "公务用车管理不规范，公车私用现象时有发生"),
        ]
        let similarity = SimilarityProfile(title: items[0].title, description: nil)
            .similarity(to: SimilarityProfile(title: items[1].title, description: nil))
        #expect(similarity > 0.3 && similarity < 0.5)
        #expect(CommonProblemGrouping.group(items, threshold: 0.3, minimumBodies: 2).count == 1)
        #expect(CommonProblemGrouping.group(items, threshold: 0.5, minimumBodies: 2).isEmpty)
        #expect(CommonProblemGrouping.group(items, threshold: 0.5).count == 2)
    }

    @Test func descriptionsLinkGenericTitles() {
        let items = [
            Self.item(1, body: 0, "落实主体责任不到位", description: "党组研究部署巡察整改工作不及时，未按期召开专题民主生活会"),
            Self.item(2, body: 1, "履行主体责任有差距", description: "党组研究部署巡察整改工作不及时，未按期召开专题民主生活会"),
        ]
        #expect(CommonProblemGrouping.group(items, minimumBodies: 2).count == 1)
    }

    @Test func theOutputDoesNotDependOnTheInputOrder() {
        let forward = CommonProblemGrouping.group(Self.sample)
        let backward = CommonProblemGrouping.group(Self.sample.reversed())
        let shuffled = CommonProblemGrouping.group([Self.sample[4], Self.sample[0], Self.sample[5], Self.sample[2], Self.sample[3], Self.sample[1]])
        #expect(forward == backward && forward == shuffled)
    }

    @Test func thresholdsAreParsedWithinTheirRange() {
        #expect(SimilarityThreshold.parse("0.55") == 0.55)
        #expect(SimilarityThreshold.parse("70") == 0.7)
        #expect(SimilarityThreshold.parse("0.2") == nil)
        #expect(SimilarityThreshold.parse("0.95") == nil)
        #expect(SimilarityThreshold.parse("半") == nil)
        #expect(SimilarityThreshold.text(0.5) == "0.50")
    }
}
