import RectifyCore

/// The demo's content: a fictional bureau (江川市住房和城乡建设局) inspected by a fictional municipal
/// inspection group. Every name, number and sentence here is invented for the demo.
enum DemoScript {
    /// How far a demo measure has got, relative to the day the demo is loaded.
    enum Scenario {
        case closed, pendingReview, onTime, dueSoon, behind, overdue, reopened, longTerm, notStarted
    }

    struct MeasureSpec {
        let text: String
        let unit: String
        let leader: String
        let scenario: Scenario
        var kind: MeasureKind = .timeBound
        var support: [String] = []
    }

    struct ProblemSpec {
        let source: ProblemSource
        let category: String?
        let aspect: String?
        let title: String
        let description: String
        let measures: [MeasureSpec]
    }

    static let body = "江川市住房和城乡建设局党组"
    static let sector = BodySector.housing
    static let group = "中共江川市委第二巡察组"
    static let units: [(name: String, kind: OrganizationKind)] = [
        ("办公室", .department), ("人事科", .department), ("计划财务科", .department), ("建筑市场监管科", .department),
        ("城市建设科", .department), ("住房保障科", .department), ("机关党委", .department),
        ("市建设工程质量安全监督站", .subordinate), ("市房产事务中心", .subordinate),
    ]
    static let people: [(name: String, rank: CadreRank, title: String, unit: String?)] = [
        ("李建国", .division, "党组书记、局长", nil), ("王敏", .division, "党组成员、副局长", nil),
        ("陈志强", .division, "党组成员、副局长", nil), ("刘芳", .division, "党组成员、副局长", nil),
        ("周文涛", .section, "办公室主任", "办公室"), ("孙丽", .section, "计划财务科科长", "计划财务科"),
        ("吴海峰", .section, "建筑市场监管科科长", "建筑市场监管科"), ("郑晓燕", .section, "住房保障科科长", "住房保障科"),
    ]

    static let c1 = "贯彻落实党的路线方针政策和党中央决策部署方面"
    static let c2 = "落实全面从严治党战略部署方面"
    static let c3 = "落实新时代党的组织路线方面"
    static let c4 = "落实巡察整改和主题教育整改方面"

    static let problems: [ProblemSpec] = [
        ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "学习贯彻习近平新时代中国特色社会主义思想不够深入",
                    title: "理论学习与业务工作结合不紧", description: "党组理论学习中心组学习以传达文件为主，研讨交流不足，学用结合不够紧密。",
                    measures: [
                        MeasureSpec(text: "制定党组理论学习中心组年度学习计划，每季度至少安排一次专题研讨。", unit: "机关党委", leader: "李建国", scenario: .closed),
                        MeasureSpec(text: "建立学习成果转化清单，将学习成果运用到城市更新等重点工作中。", unit: "办公室", leader: "李建国", scenario: .longTerm, kind: .longTerm),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "推动城市高质量发展有差距",
                    title: "老旧小区改造推进缓慢", description: "2023年度计划改造的老旧小区中，有6个小区未按期开工。",
                    measures: [
                        MeasureSpec(text: "对未开工的6个老旧小区逐一制定推进方案，明确开工时间节点。", unit: "城市建设科", leader: "陈志强", scenario: .closed),
                        MeasureSpec(text: "每月召开一次老旧小区改造调度会，通报进度，督促施工单位加快进度。", unit: "城市建设科", leader: "陈志强", scenario: .dueSoon, support: ["计划财务科"]),
                        MeasureSpec(text: "完成剩余小区雨污分流和管网改造，组织竣工验收。", unit: "城市建设科", leader: "陈志强", scenario: .behind),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "推动城市高质量发展有差距",
                    title: "保障性住房分配管理不规范", description: "部分公租房承租人资格复核不及时，存在不符合条件人员继续承租的情况。",
                    measures: [
                        MeasureSpec(text: "开展公租房承租人资格全面复核，对不符合条件的依法依规清退。", unit: "住房保障科", leader: "刘芳", scenario: .overdue, support: ["市房产事务中心"]),
                        MeasureSpec(text: "建立公租房动态管理台账，与民政、公安等部门实现数据比对。", unit: "市房产事务中心", leader: "刘芳", scenario: .onTime),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "防范化解重大风险不到位",
                    title: "建筑施工安全监管存在薄弱环节", description: "对在建工地的安全检查覆盖不全，部分隐患整改未闭环。",
                    measures: [
                        MeasureSpec(text: "开展在建工地安全生产专项检查，建立隐患整改台账，实行销号管理。", unit: "市建设工程质量安全监督站", leader: "王敏", scenario: .closed),
                        MeasureSpec(text: "修订《建筑施工安全生产检查办法》，明确检查频次和闭环要求。", unit: "建筑市场监管科", leader: "王敏", scenario: .pendingReview),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c1, aspect: "防范化解重大风险不到位",
                    title: "房地产领域风险处置不够有力", description: "对个别逾期交付项目的跟踪督办不够及时，群众信访反映较多。",
                    measures: [
                        MeasureSpec(text: "对逾期交付项目实行“一项目一专班”，倒排工期，每周调度。", unit: "市房产事务中心", leader: "刘芳", scenario: .overdue),
                        MeasureSpec(text: "建立信访件办理跟踪机制，按期答复率达到100%。", unit: "办公室", leader: "刘芳", scenario: .onTime),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "落实主体责任不到位",
                    title: "党组履行全面从严治党主体责任压力传导不够", description: "对局属单位的监督检查偏少，责任清单落实情况未定期检查。",
                    measures: [
                        MeasureSpec(text: "修订党组全面从严治党主体责任清单，细化班子成员“一岗双责”任务。", unit: "机关党委", leader: "李建国", scenario: .closed),
                        MeasureSpec(text: "每半年对局属单位落实主体责任情况开展一次专项检查。", unit: "机关党委", leader: "李建国", scenario: .longTerm, kind: .longTerm),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "重点领域监管不严",
                    title: "工程招投标监管存在漏洞", description: "个别项目存在化整为零规避招标的情况，招标文件审核把关不严。",
                    measures: [
                        MeasureSpec(text: "对近三年工程项目招投标情况开展倒查，对规避招标问题严肃处理。", unit: "建筑市场监管科", leader: "王敏", scenario: .closed),
                        MeasureSpec(text: "制定《工程建设项目招标文件审查规程》，实行招标文件双人复核。", unit: "建筑市场监管科", leader: "王敏", scenario: .reopened),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "重点领域监管不严",
                    title: "专项资金使用管理不规范", description: "部分专项资金拨付滞后，个别项目存在超范围列支情况。",
                    measures: [
                        MeasureSpec(text: "全面清理专项资金使用情况，对超范围列支资金予以追回。", unit: "计划财务科", leader: "陈志强", scenario: .closed),
                        MeasureSpec(text: "修订《专项资金管理办法》，建立资金拨付进度月报制度。", unit: "计划财务科", leader: "陈志强", scenario: .onTime),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "作风建设仍有差距",
                    title: "形式主义官僚主义问题仍有发生", description: "发文、开会数量偏多，部分检查考核重复安排，基层负担较重。",
                    measures: [
                        MeasureSpec(text: "制定精文减会具体措施，全年发文、会议数量较上年压减15%以上。", unit: "办公室", leader: "李建国", scenario: .behind),
                        MeasureSpec(text: "统筹整合检查考核事项，实行年度计划管理。", unit: "办公室", leader: "李建国", scenario: .closed),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c2, aspect: "作风建设仍有差距",
                    title: "行政审批服务效率不高", description: "部分审批事项办理时限超出承诺时限，“一次办好”落实不到位。",
                    measures: [
                        MeasureSpec(text: "梳理审批事项清单，压缩办理时限，公开承诺时限。", unit: "建筑市场监管科", leader: "王敏", scenario: .dueSoon),
                        MeasureSpec(text: "推行审批事项网上办理，网办率达到90%以上。", unit: "建筑市场监管科", leader: "王敏", scenario: .notStarted),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c3, aspect: "干部队伍建设有短板",
                    title: "年轻干部培养使用力度不够", description: "35岁以下科级干部比例偏低，干部交流轮岗不充分。",
                    measures: [
                        MeasureSpec(text: "制定年轻干部培养计划，建立优秀年轻干部人选库。", unit: "人事科", leader: "李建国", scenario: .closed),
                        MeasureSpec(text: "有计划地开展干部交流轮岗，对在同一岗位任职满五年的干部进行交流。", unit: "人事科", leader: "李建国", scenario: .onTime),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c3, aspect: "基层党组织建设不够扎实",
                    title: "基层党支部组织生活不够规范", description: "个别支部“三会一课”记录不完整，主题党日活动内容单一。",
                    measures: [
                        MeasureSpec(text: "开展支部组织生活规范化检查，对记录不完整的督促整改。", unit: "机关党委", leader: "李建国", scenario: .closed),
                        MeasureSpec(text: "组织支部书记业务培训，提高组织生活质量。", unit: "机关党委", leader: "李建国", scenario: .closed),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c3, aspect: "基层党组织建设不够扎实",
                    title: "发展党员工作程序执行不严", description: "个别发展对象培养考察时间不足，档案材料缺失。",
                    measures: [
                        MeasureSpec(text: "对2021年以来发展党员档案逐一核查，补齐缺失材料。", unit: "机关党委", leader: "李建国", scenario: .pendingReview),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c4, aspect: "上轮巡察整改不到位",
                    title: "上轮巡察反馈问题整改不彻底", description: "上轮巡察反馈的2个问题未完成整改，长效机制未建立。",
                    measures: [
                        MeasureSpec(text: "对上轮巡察反馈问题逐项“回头看”，建立台账，明确完成时限。", unit: "办公室", leader: "李建国", scenario: .overdue),
                        MeasureSpec(text: "建立巡察整改定期调度制度，每月调度一次整改进展。", unit: "办公室", leader: "李建国", scenario: .longTerm, kind: .longTerm),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c4, aspect: "主题教育检视问题整改不到位",
                    title: "主题教育检视问题整改质效不高", description: "部分检视问题整改措施停留在制定制度层面，实际成效不明显。",
                    measures: [
                        MeasureSpec(text: "对主题教育检视问题整改情况进行评估，对成效不明显的重新制定措施。", unit: "机关党委", leader: "李建国", scenario: .onTime),
                    ]),
        ProblemSpec(source: .inspectionFeedback, category: c4, aspect: "上轮巡察整改不到位",
                    title: "审计发现问题整改跟踪不够", description: "上年度审计指出的3项问题未建立整改台账，整改情况未及时报送。",
                    measures: [
                        MeasureSpec(text: "建立审计发现问题整改台账，实行整改销号管理。", unit: "计划财务科", leader: "陈志强", scenario: .closed, kind: .immediate),
                        MeasureSpec(text: "按时向市审计局报送整改情况。", unit: "计划财务科", leader: "陈志强", scenario: .closed, kind: .immediate),
                    ]),
        ProblemSpec(source: .secretaryAssigned, category: nil, aspect: nil,
                    title: "要加快城中村改造项目建设", description: "书记专题会要求加快推进城中村改造，年内完成三个片区征收。",
                    measures: [
                        MeasureSpec(text: "制定城中村改造三年行动计划，明确年度目标任务。", unit: "城市建设科", leader: "陈志强", scenario: .closed),
                        MeasureSpec(text: "完成三个片区房屋征收工作，启动安置房建设。", unit: "城市建设科", leader: "陈志强", scenario: .overdue, support: ["市房产事务中心"]),
                    ]),
        ProblemSpec(source: .secretaryAssigned, category: nil, aspect: nil,
                    title: "要切实解决小区物业管理突出问题", description: "书记专题会要求集中整治物业服务质量差、收费不规范等问题。",
                    measures: [
                        MeasureSpec(text: "开展物业服务质量专项整治，对群众投诉集中的小区逐一督办。", unit: "市房产事务中心", leader: "刘芳", scenario: .dueSoon),
                    ]),
        ProblemSpec(source: .selfFound, category: nil, aspect: nil,
                    title: "公务用车使用管理不够规范", description: "举一反三自查发现，个别车辆使用登记不完整。",
                    measures: [
                        MeasureSpec(text: "完善公务用车使用登记制度，每月核对用车记录。", unit: "办公室", leader: "刘芳", scenario: .closed, kind: .immediate),
                    ]),
        ProblemSpec(source: .selfFound, category: nil, aspect: nil,
                    title: "档案管理工作基础薄弱", description: "自查发现，部分业务档案未按规定归档，电子档案建设滞后。",
                    measures: [
                        MeasureSpec(text: "开展档案清理归档，推进业务档案数字化。", unit: "办公室", leader: "刘芳", scenario: .behind),
                    ]),
    ]
}
