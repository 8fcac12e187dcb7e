import Foundation
import RectifyCore

/// The wording generated ledgers are drawn from. All names are invented.
enum Pools {
    struct Bureau: Sendable { let name: String; let short: String }
    struct Category: Sendable { let name: String; let aspects: [String] }
    struct Topic: Sendable { let title: String; let description: String; let object: String }

    static let regions = [
        "江川市", "临河县", "东湖区", "西山区", "南平县", "北塘区", "青溪县", "白沙县", "石门县", "云台区",
        "桃源县", "清河区", "安平县", "长宁县", "永丰县", "金溪县", "新城区", "宁远县", "丰乐县", "平湖市",
        "高桥镇", "龙泉市", "凤凰县", "兴安县", "瑞金区",
    ]
    static let bureaus = [
        Bureau(name: "住房和城乡建设局", short: "建"), Bureau(name: "财政局", short: "财"), Bureau(name: "教育局", short: "教"),
        Bureau(name: "卫生健康委员会", short: "卫"), Bureau(name: "交通运输局", short: "交"), Bureau(name: "农业农村局", short: "农"),
        Bureau(name: "水利局", short: "水"), Bureau(name: "自然资源局", short: "资"), Bureau(name: "生态环境局", short: "环"),
        Bureau(name: "市场监督管理局", short: "市监"), Bureau(name: "民政局", short: "民"), Bureau(name: "人力资源和社会保障局", short: "人社"),
        Bureau(name: "商务局", short: "商"), Bureau(name: "文化广电旅游局", short: "文旅"), Bureau(name: "应急管理局", short: "应急"),
        Bureau(name: "审计局", short: "审"), Bureau(name: "统计局", short: "统"), Bureau(name: "医疗保障局", short: "医保"),
        Bureau(name: "退役军人事务局", short: "退役"), Bureau(name: "林业局", short: "林"), Bureau(name: "城市管理局", short: "城管"),
        Bureau(name: "发展和改革委员会", short: "发改"), Bureau(name: "工业和信息化局", short: "工信"), Bureau(name: "司法局", short: "司"),
        Bureau(name: "体育局", short: "体"), Bureau(name: "机关事务管理局", short: "机关"), Bureau(name: "行政审批局", short: "审批"),
        Bureau(name: "供销合作社", short: "供销"), Bureau(name: "公路事业发展中心", short: "公路"), Bureau(name: "粮食和物资储备局", short: "粮"),
    ]
    static let departments = ["办公室", "人事科", "计划财务科", "政策法规科", "机关党委", "综合业务科", "监督检查科", "行政审批科", "规划发展科"]
    static let subordinates = ["事务服务中心", "信息中心", "综合执法大队", "质量安全监督站"]

    static let categories = [
        Category(name: "贯彻落实党的路线方针政策和党中央决策部署方面", aspects: [
            "学习贯彻习近平新时代中国特色社会主义思想不够深入", "推动高质量发展有差距", "防范化解重大风险不到位", "服务群众有差距"]),
        Category(name: "落实全面从严治党战略部署方面", aspects: [
            "落实主体责任不到位", "重点领域廉洁风险防控不力", "形式主义官僚主义问题仍有发生", "落实中央八项规定精神不严格"]),
        Category(name: "落实新时代党的组织路线方面", aspects: [
            "领导班子建设有差距", "干部队伍建设不够扎实", "基层党组织建设薄弱"]),
        Category(name: "落实巡察整改和主题教育整改方面", aspects: ["上轮巡察反馈问题整改不彻底", "主题教育检视问题整改不到位"]),
    ]

    static let problemTopics = [
        Topic(title: "理论学习与业务工作结合不紧", description: "党组理论学习中心组学习以传达文件为主，研讨交流不足，学用结合不够紧密。", object: "理论学习"),
        Topic(title: "重点项目推进缓慢", description: "年度计划实施的重点项目中，部分项目未按期开工，投资完成率偏低。", object: "重点项目"),
        Topic(title: "专项资金使用管理不规范", description: "部分专项资金超范围列支，拨付审核不严，结余资金未及时清理。", object: "专项资金"),
        Topic(title: "政府采购程序执行不严格", description: "个别采购项目化整为零规避公开招标，验收程序流于形式。", object: "政府采购"),
        Topic(title: "工程招投标监管存在漏洞", description: "对招标文件审核把关不严，个别项目存在限制性条款。", object: "招投标监管"),
        Topic(title: "安全生产监管存在薄弱环节", description: "对在建项目的安全检查覆盖不全，部分隐患整改未闭环。", object: "安全生产"),
        Topic(title: "形式主义官僚主义问题仍有发生", description: "重复安排检查考核，文件会议多，增加基层负担。", object: "文风会风"),
        Topic(title: "公务用车管理不规范", description: "公务用车使用登记不完整，个别车辆存在公车私用苗头。", object: "公务用车"),
        Topic(title: "干部队伍结构不够合理", description: "中层干部年龄偏大，年轻干部储备不足，交流轮岗不到位。", object: "干部队伍"),
        Topic(title: "基层党组织建设不够规范", description: "个别支部“三会一课”记录不全，组织生活会质量不高。", object: "支部建设"),
        Topic(title: "上轮巡察反馈问题整改不彻底", description: "上轮巡察反馈的部分问题整改停留在表面，长效机制未建立。", object: "整改落实"),
        Topic(title: "群众反映强烈的问题解决不及时", description: "信访件办理周期长，部分群众诉求答复不及时、解决不到位。", object: "信访办理"),
        Topic(title: "内部控制制度不健全", description: "合同管理、资产管理等内控制度缺失或执行不到位。", object: "内部控制"),
        Topic(title: "意识形态工作责任制落实不到位", description: "意识形态工作研究部署不够，阵地管理存在薄弱环节。", object: "意识形态"),
    ]

    static func measureTexts(_ topic: Topic) -> [String] {
        [
            "围绕\(topic.object)开展专项排查，建立问题清单和整改台账，逐项明确责任人和完成时限。",
            "修订完善\(topic.object)管理制度，明确审核流程和监督措施，印发全系统执行。",
            "召开专题会议研究\(topic.object)整改工作，制定具体方案，倒排工期、挂图作战。",
            "对\(topic.object)方面的问题线索逐一核查，依规依纪严肃处理相关责任人。",
            "建立\(topic.object)定期调度和通报机制，每月通报整改进展，督促责任单位按期完成。",
            "组织开展\(topic.object)业务培训和警示教育，提升干部职工规矩意识和履职能力。",
        ]
    }

    static func reportTexts(_ progress: Int) -> [String] {
        if progress >= 100 {
            return ["各项工作已按计划完成，相关制度已印发实施，佐证材料已上传。",
                    "整改任务已全部完成，已组织单位自查，申请销号。"]
        }
        return ["已制定工作方案，明确责任分工和时间节点，相关工作正在推进。",
                "已完成阶段性任务，正按计划推进剩余工作，目前完成约\(progress)%。",
                "已召开专题会研究部署，完成前期摸排，正在逐项落实整改。",
                "部分事项已完成，其余事项因涉及多部门协调正在推进。",
                "主体工作已完成，正在进行收尾和资料整理。"]
    }

    static let returnOpinions = ["佐证材料不全，请补充会议纪要和现场照片后重新报送。", "进展情况表述笼统，请列明已完成的具体事项和数据。"]
    static let evidenceNames = ["佐证材料说明.txt", "会议纪要.txt", "整改台账.txt", "制度文件清单.txt", "现场检查记录.txt"]
    static let regulationTitles = ["专项资金管理办法", "政府采购内部控制规程", "党组理论学习中心组学习制度", "公务用车管理规定",
                                   "巡察整改定期调度制度", "安全生产检查办法", "关于进一步精简文件和会议的若干措施", "干部交流轮岗实施办法"]
    static let accountabilityReasons = ["对审核把关不严负有责任", "未按规定执行招标程序", "专项资金拨付审核不严", "整改工作推进不力",
                                        "重复安排检查考核，增加基层负担"]
    static let fundDescriptions = ["追回超范围列支的专项资金", "追回多支付的工程款", "清退违规发放的津补贴", "收回闲置结余资金"]
    static let feedbackTexts = ["建议在门户网站公布整改进展的具体时间安排。", "反映办事窗口服务态度不好，希望尽快整改。",
                                "希望加快推进老旧小区改造，改善居住环境。"]
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"]
    static let givenNames = ["建国", "敏", "志强", "芳", "文涛", "丽", "海峰", "晓燕", "立新", "伟", "静", "军", "磊", "婷", "勇", "艳",
                             "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂英"]

    static func personName(_ rng: inout SeededGenerator) -> String { rng.pick(surnames) + rng.pick(givenNames) }

    static func chineseNumber(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return digits[n] }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
        return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
    }
}
