import Testing
@testable import RectifyCore

@Suite struct TrigramSimilarityTests {
    typealias T = TrigramSimilarity

    @Test func identicalTextsAreOneAndDisjointTextsZero() {
        #expect(T.jaccard("专项资金使用管理不规范", "专项资金使用管理不规范") == 1)
        #expect(T.jaccard("专项资金使用管理不规范", "干部队伍结构不够合理") == 0)
    }

    @Test func theIndexIsSharedOverUnion() {
        // 甲乙丙丁 → 甲乙丙, 乙丙丁; 甲乙丙戊 → 甲乙丙, 乙丙戊: one shared of three.
        #expect(T.jaccard("甲乙丙丁", "甲乙丙戊") == 1.0 / 3.0)
        #expect(T.profile("甲乙丙丁").count == 2)
        #expect(T.jaccard("甲乙丙丁", "甲乙丙戊") == T.jaccard("甲乙丙戊", "甲乙丙丁"))
    }

    @Test func punctuationSpacingWidthAndCaseDoNotCount() {
        #expect(T.jaccard("“一岗双责”落实不到位。", "一岗双责 落实不到位") == 1)
        #expect(T.jaccard("ＰＰＰ项目２０２３年", "ppp项目2023年", foldingFigures: false) == 1)
        #expect(T.normalized("（一）A，b！").map(String.init).joined() == "一ab")
    }

    @Test func eachRunOfDigitsIsOneFigureUnlessAskedOtherwise() {
        #expect(T.normalized("涉及金额15.30万元，2023年").map(String.init).joined() == "涉及金额#万元#年")
        #expect(T.normalized("15.30万元", foldingFigures: false).map(String.init).joined() == "1530万元")
        // Chinese numerals are words, not figures.
        #expect(T.normalized("三会一课").map(String.init).joined() == "三会一课")
        #expect(T.jaccard("12所学校超出目录", "9所学校超出目录") == 1)
        #expect(T.jaccard("12所学校超出目录", "9所学校超出目录", foldingFigures: false) < 1)
    }

    @Test func shortAndEmptyTexts() {
        #expect(T.profile("党建").count == 1)
        #expect(T.jaccard("党建", "党建") == 1)
        #expect(T.jaccard("党建", "党风") == 0)
        #expect(T.profile("，。！ ").isEmpty)
        #expect(T.jaccard("", "") == 0)
        #expect(T.jaccard("。", "专项资金") == 0)
    }

    @Test func aNearDuplicateWithNewFiguresScoresFarAboveAnotherProblem() {
        let earlier = "2022年以来，12所学校超出目录征订教辅资料7种，涉及金额15.30万元，加重学生家庭负担。"
        let later = "2024年以来，9所学校超出目录征订教辅资料11种，涉及金额8.75万元，加重了学生家庭负担。"
        let other = "2023年党组理论学习中心组开展集体学习12次，其中5次以传达文件为主，学用结合不够紧密。"
        #expect(T.jaccard(earlier, later) > 0.8)
        #expect(T.jaccard(earlier, later, foldingFigures: false) > 0.3)
        #expect(T.jaccard(earlier, other) < 0.1)
    }
}
