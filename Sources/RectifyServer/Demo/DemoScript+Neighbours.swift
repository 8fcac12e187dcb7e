import RectifyCore

/// Three more bodies of the demo's city, inspected in the same round, so a supervisor has
/// something to find across bodies: the same 形式主义官僚主义 problem worded alike in all four
/// bodies (共性问题), and in 江川市教育局 a problem of the previous round, closed out two years ago,
/// found again with near-identical wording (屡查屡犯). Every name and figure is invented.
extension DemoScript {
    struct BodySpec {
        let name: String
        let shortName: String
        let sector: BodySector
        let units: [(name: String, kind: OrganizationKind)]
        let people: [(name: String, rank: CadreRank, title: String, unit: String?)]
        /// The body's rectification office account and the names that sign its close-outs.
        let office: (username: String, display: String)
        let leader: String
        let rounds: [RoundSpec]
    }

    struct RoundSpec {
        let title: String
        let group: String
        /// Days the round's dates lie before those of the main round.
        let shift: Int
        /// An earlier round: every measure closed, every problem looked back on.
        let closedOut: Bool
        let problems: [ProblemSpec]
    }

    /// The repeat planted in 江川市教育局: the earlier round's title and the current round's.
    static let repeatedProblem = (earlier: "教辅资料征订管理不规范", later: "教辅资料征订管理不够规范")
    /// The common problem's titles, the main body's first.
    static let commonProblem = ["形式主义官僚主义问题仍有发生", "形式主义官僚主义问题仍有发生", "形式主义官僚主义问题仍有发生",
                                "形式主义官僚主义问题时有发生"]

    static let neighbours: [BodySpec] = [
        BodySpec(
            name: "江川市教育局党组", shortName: "市教育局", sector: .education,
            units: [("综合办公室", .department), ("基础教育科", .department), ("人事师资科", .department), ("财务审计科", .department),
                    ("安全稳定科", .department), ("市教育考试院", .subordinate), ("市学生资助管理中心", .subordinate)],
            people: [("马立平", .division, "党组书记、局长", nil), ("何静", .division, "党组成员、副局长", nil),
                     ("罗海涛", .division, "党组成员、副局长", nil), ("高雪梅", .section, "综合办公室主任", "综合办公室"),
                     ("胡晓东", .section, "财务审计科科长", "财务审计科")],
            office: ("office-edu", "市教育局整改办 高雪梅"), leader: "党组书记 马立平",
            rounds: [
                RoundSpec(title: "十二届市委第三轮巡察", group: "中共江川市委第四巡察组", shift: -730, closedOut: true, problems: [
                    ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "履行职能职责有差距",
                                title: "校外培训机构日常巡查不到位", description: "全市286家校外培训机构中，有23家未按规定公示收费标准，对群众举报线索核查不及时。",
                                measures: [
                                    MeasureSpec(text: "开展校外培训机构专项检查，督促23家机构公示收费标准。", unit: "基础教育科", leader: "何静", scenario: .closed),
                                    MeasureSpec(text: "建立群众举报线索台账，实行限时核查办结。", unit: "安全稳定科", leader: "何静", scenario: .closed),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "重点领域廉洁风险防控不力",
                                title: repeatedProblem.earlier,
                                description: "巡察发现，12所学校超出目录征订教辅资料7种，涉及金额15.30万元，部分学校以班级为单位统一征订，未履行自愿原则。",
                                measures: [
                                    MeasureSpec(text: "全面清理教辅资料征订情况，违规收取的15.30万元全部清退。", unit: "财务审计科", leader: "何静", scenario: .closed),
                                    MeasureSpec(text: "严格执行教辅资料自愿征订规定，征订目录向家长公示。", unit: "基础教育科", leader: "何静", scenario: .closed),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "违反中央八项规定精神",
                                title: "公务接待管理不规范", description: "抽查2021年公务接待46批次，有5批次无公函，接待清单与发票不一致。",
                                measures: [
                                    MeasureSpec(text: "严格执行公务接待“三单”制度，实行接待事前审批。", unit: "综合办公室", leader: "马立平", scenario: .closed, kind: .immediate),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c3, aspect: "基层党组织建设薄弱",
                                title: "学校党组织建设不够规范", description: "3所学校党支部未按期换届，“三会一课”记录不完整。",
                                measures: [
                                    MeasureSpec(text: "督促3所学校党支部完成换届，开展组织生活规范化检查。", unit: "人事师资科", leader: "马立平", scenario: .closed),
                                ]),
                ]),
                RoundSpec(title: "十三届市委第五轮巡察", group: "中共江川市委第二巡察组", shift: -10, closedOut: false, problems: [
                    ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "防范化解重大风险不到位",
                                title: "校园食品安全监管存在薄弱环节", description: "抽查18所学校食堂，6所大宗食材采购未公开招标，2所未落实校领导陪餐制度。",
                                measures: [
                                    MeasureSpec(text: "对学校食堂大宗食材采购实行统一招标，建立供应商准入退出机制。", unit: "财务审计科", leader: "罗海涛", scenario: .onTime),
                                    MeasureSpec(text: "开展学校食堂专项检查，督促落实校领导陪餐制度。", unit: "安全稳定科", leader: "罗海涛", scenario: .overdue),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "重点领域廉洁风险防控不力",
                                title: repeatedProblem.later,
                                description: "巡察发现，9所学校超出目录征订教辅资料11种，涉及金额8.75万元，个别学校以班级为单位统一征订，未履行自愿原则。",
                                measures: [
                                    MeasureSpec(text: "对教辅资料征订问题屡查屡犯的学校逐校约谈，追究校长责任。", unit: "人事师资科", leader: "何静", scenario: .behind),
                                    MeasureSpec(text: "建立教辅资料征订备案和抽查制度，每学期抽查不少于20所学校。", unit: "基础教育科", leader: "何静", scenario: .onTime),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "作风建设仍有差距",
                                title: commonProblem[1], description: "发文、开会数量偏多，部分督查检查考核重复安排，学校负担较重。",
                                measures: [
                                    MeasureSpec(text: "制定精文减会措施，全年发文、会议数量较上年压减15%以上。", unit: "综合办公室", leader: "马立平", scenario: .closed),
                                    MeasureSpec(text: "统筹进校园检查考核事项，实行年度计划管理。", unit: "综合办公室", leader: "马立平", scenario: .dueSoon),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c3, aspect: "干部队伍建设有短板",
                                title: "中小学校长交流轮岗不到位", description: "14名校长在同一学校任职超过10年未交流。",
                                measures: [
                                    MeasureSpec(text: "制定校长交流轮岗计划，分两批完成交流。", unit: "人事师资科", leader: "马立平", scenario: .onTime),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c4, aspect: "上轮巡察整改不到位",
                                title: "上轮巡察反馈问题整改不彻底", description: "上轮巡察反馈的教辅资料征订问题整改后出现反弹，长效机制未建立。",
                                measures: [
                                    MeasureSpec(text: "对上轮巡察反馈问题逐项开展“回头看”，巩固整改成果。", unit: "综合办公室", leader: "马立平", scenario: .longTerm, kind: .longTerm),
                                ]),
                    ProblemSpec(source: .secretaryAssigned, category: nil, aspect: nil,
                                title: "要加快推进城区学校扩容建设", description: "书记专题会要求加快城区学校扩容，年内新增学位3000个。",
                                measures: [
                                    MeasureSpec(text: "开工建设城区2所中学、3所小学，年内新增学位3000个。", unit: "基础教育科", leader: "罗海涛", scenario: .onTime),
                                ]),
                ]),
            ]),
        BodySpec(
            name: "江川市卫生健康委员会党组", shortName: "市卫健委", sector: .health,
            units: [("委办公室", .department), ("医政医管科", .department), ("疾病预防控制科", .department), ("规划财务科", .department),
                    ("市疾病预防控制中心", .subordinate)],
            people: [("宋建华", .division, "党组书记、主任", nil), ("唐丽", .division, "党组成员、副主任", nil),
                     ("韩志刚", .division, "党组成员、副主任", nil)],
            office: ("office-health", "市卫健委整改办 唐婷"), leader: "党组书记 宋建华",
            rounds: [
                RoundSpec(title: "十三届市委第五轮巡察", group: "中共江川市委第三巡察组", shift: -15, closedOut: false, problems: [
                    ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "防范化解重大风险不到位",
                                title: "医疗废物管理不规范", description: "抽查15家基层医疗机构，5家医疗废物分类收集不规范，交接登记不完整。",
                                measures: [
                                    MeasureSpec(text: "开展医疗废物管理专项检查，规范暂存点设置和交接登记。", unit: "医政医管科", leader: "韩志刚", scenario: .closed),
                                    MeasureSpec(text: "将医疗废物管理纳入医疗机构年度校验内容。", unit: "医政医管科", leader: "韩志刚", scenario: .pendingReview),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "重点领域监管不严",
                                title: "医保基金使用监管不严", description: "4家定点医疗机构存在超标准收费、重复收费问题，涉及医保基金86.42万元。",
                                measures: [
                                    MeasureSpec(text: "督促相关医疗机构退回违规结算的医保基金86.42万元。", unit: "规划财务科", leader: "唐丽", scenario: .closed),
                                    MeasureSpec(text: "开展定点医疗机构收费行为专项检查，覆盖全部二级以上医院。", unit: "医政医管科", leader: "唐丽", scenario: .overdue),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "作风建设仍有差距",
                                title: commonProblem[2], description: "发文、开会数量仍然偏多，部分检查考核重复安排，基层医疗机构负担较重。",
                                measures: [
                                    MeasureSpec(text: "统筹整合对基层医疗机构的检查考核，合并同类事项。", unit: "委办公室", leader: "宋建华", scenario: .onTime),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c3, aspect: "基层党组织建设不够扎实",
                                title: "公立医院党建工作基础薄弱", description: "2家公立医院党委会议和院长办公会议议事规则不健全。",
                                measures: [
                                    MeasureSpec(text: "指导公立医院修订党委会议和院长办公会议议事规则。", unit: "委办公室", leader: "宋建华", scenario: .onTime),
                                ]),
                ]),
            ]),
        BodySpec(
            name: "江川市交通运输局党组", shortName: "市交通局", sector: .transport,
            units: [("局办公室", .department), ("综合运输科", .department), ("公路管理科", .department), ("安全监督科", .department),
                    ("市交通运输综合行政执法支队", .subordinate)],
            people: [("邓国强", .division, "党组书记、局长", nil), ("冯敏", .division, "党组成员、副局长", nil),
                     ("曹文斌", .division, "党组成员、副局长", nil)],
            office: ("office-transport", "市交通局整改办 冯晓"), leader: "党组书记 邓国强",
            rounds: [
                RoundSpec(title: "十三届市委第五轮巡察", group: "中共江川市委第三巡察组", shift: -15, closedOut: false, problems: [
                    ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "推动高质量发展有差距",
                                title: "农村公路建设管养不到位", description: "2023年计划建设的120公里农村公路中，有35公里未按期完工。",
                                measures: [
                                    MeasureSpec(text: "对未完工的35公里农村公路逐段制定推进计划。", unit: "公路管理科", leader: "冯敏", scenario: .behind),
                                    MeasureSpec(text: "建立农村公路“路长制”，每月开展一次路况巡查。", unit: "公路管理科", leader: "冯敏", scenario: .onTime),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "作风建设仍有差距",
                                title: commonProblem[3], description: "文件、会议数量偏多，部分检查考核重复安排，基层负担较重。",
                                measures: [
                                    MeasureSpec(text: "制定精文减会措施，压减文件和会议数量。", unit: "局办公室", leader: "邓国强", scenario: .closed),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "重点领域监管不严",
                                title: "交通建设项目计量支付不规范", description: "工程计量支付审核不严，2个项目超付工程款42.60万元。",
                                measures: [
                                    MeasureSpec(text: "追回2个项目超付的工程款42.60万元。", unit: "公路管理科", leader: "曹文斌", scenario: .overdue),
                                    MeasureSpec(text: "修订交通建设项目计量支付审核办法，实行双人复核。", unit: "综合运输科", leader: "曹文斌", scenario: .closed),
                                ]),
                    ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "防范化解重大风险不到位",
                                title: "“两客一危”车辆动态监控不到位", description: "5家运输企业动态监控平台运行不正常，违规报警未及时处置。",
                                measures: [
                                    MeasureSpec(text: "对“两客一危”车辆动态监控实行日通报，违规报警当日处置。", unit: "安全监督科", leader: "冯敏", scenario: .onTime),
                                ]),
                ]),
            ]),
    ]
}
