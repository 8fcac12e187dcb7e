import Foundation
import Testing
@testable import RectifyCore

@Suite struct RepeatMatchingTests {
    static func id(_ prefix: Int, _ n: Int) -> UUID { UUID(uuidString: String(format: "%08d-0000-0000-0000-%012d", prefix, n))! }

    static func candidate(_ n: Int, body: Int = 1, round: Int, date: String, _ title: String, description: String? = nil) -> RepeatCandidate {
        RepeatCandidate(problemID: id(1, n), bodyID: id(2, body), roundID: id(3, round), roundDate: date, title: title,
                        description: description)
    }

    static let first = "2021-06-30", second = "2023-11-20"

    @Test func aFindingFoundAgainInALaterRoundIsMatchedWithTheEarlierOne() {
        let items = [
            Self.candidate(1, round: 1, date: Self.first, "机关食堂采购未执行政府采购程序，2020年涉及金额12.5万元"),
            Self.candidate(2, round: 1, date: Self.first, "意识形态工作责任制落实不到位"),
            Self.candidate(3, round: 2, date: Self.second, "机关食堂采购未执行政府采购程序，2022年涉及金额36万元"),
            Self.candidate(4, round: 2, date: Self.second, "档案管理不规范，会议记录缺失"),
        ]
        let matches = RepeatMatching.match(items.reversed())
        #expect(matches.count == 1)
        let match = matches.first
        #expect(match?.newProblemID == Self.id(1, 3) && match?.earlierProblemID == Self.id(1, 1))
        #expect(match?.newRoundID == Self.id(3, 2) && match?.earlierRoundID == Self.id(3, 1))
        #expect((match?.similarity ?? 0) > 0.8)
    }

    @Test func otherBodiesAndTheSameRoundAreNeverMatched() {
        let items = [
            Self.candidate(1, body: 1, round: 1, date: Self.first, "机关食堂采购未执行政府采购程序"),
            Self.candidate(2, body: 2, round: 2, date: Self.second, "机关食堂采购未执行政府采购程序"),
            Self.candidate(3, body: 2, round: 2, date: Self.second, "机关食堂采购未执行政府采购程序规定"),
        ]
        #expect(RepeatMatching.match(items).isEmpty)
    }

    @Test func roundsAreOrderedByFeedbackDateAndTheBestMatchesComeFirst() {
        let items = [
            Self.candidate(1, round: 3, date: "2024-05-01", "违规发放津贴补贴问题仍然存在，涉及人员23人"),
            Self.candidate(2, round: 1, date: Self.first, "违规发放津贴补贴，涉及人员15人"),
            Self.candidate(3, round: 2, date: Self.second, "违规发放津贴补贴问题仍然存在"),
        ]
        let matches = RepeatMatching.match(items, threshold: 0.3)
        // Round 2's problem matches round 1's; round 3's matches round 2's closer one first, then round 1's.
        #expect(matches.map(\.newProblemID) == [Self.id(1, 3), Self.id(1, 1), Self.id(1, 1)])
        #expect(matches.map(\.earlierProblemID) == [Self.id(1, 2), Self.id(1, 3), Self.id(1, 2)])
        #expect(matches[1].similarity > matches[2].similarity)
        #expect(RepeatMatching.match(items, threshold: 0.3, best: 1).count == 2)
        #expect(RepeatMatching.match(items, threshold: 0.9).isEmpty)
    }
}
