import RectifyCore

/// Wording of what follows a problem: measures (by kind), progress reports (by how far along),
/// review and close-out opinions and look-back findings, composed from parts so a large ledger does
/// not repeat a handful of sentences. {X} is the problem's subject; the other placeholders are
/// those of `Figures`.
enum MeasureWording {
    static let actions = [
        "开展{X}专项排查，建立问题清单和整改台账，逐项明确责任人和完成时限",
        "修订完善{X}相关制度，明确审核流程和监督措施",
        "召开专题会议研究{X}问题整改，制定具体整改方案",
        "对{X}方面的问题线索逐一核查，依规依纪严肃处理相关责任人",
        "建立{X}定期调度和通报机制，每月通报整改进展",
        "组织开展{X}业务培训和警示教育，覆盖干部职工{M}人次",
        "对{U}的{X}情况开展全面自查，形成自查报告",
        "聘请第三方机构对{X}开展专项检查",
        "将{X}纳入年度目标考核，考核结果与评先评优挂钩",
        "举一反三，对{Y}年以来的{X}情况进行全面梳理",
        "制定{X}整改工作方案，细化整改任务{K}项",
        "建立{X}工作台账，实行销号管理",
        "约谈相关责任人，督促{U}落实{X}整改责任",
        "在{O}会上专题通报{X}问题，班子成员认领整改任务",
    ]
    static let immediatePrefixes = ["立行立改，", "立即", "即知即改，"]
    static let longTermEndings = ["，形成长效机制。", "，长期坚持。", "，每年至少开展一次并持续跟踪。", "，建立长效机制，持续抓好落实。"]

    /// Measure texts for one problem, each from a different action: the theme's own first, mixed
    /// with the generic ones.
    struct Drafts {
        private var order: [String]
        private var next = 0

        init(_ theme: ProblemTheme, _ rng: inout SeededGenerator) {
            var generic = MeasureWording.actions.shuffledPrefix(6, &rng).map { $0 }
            for remedy in theme.remedies.shuffledPrefix(theme.remedies.count, &rng) {
                generic.insert(remedy, at: rng.int(0...min(2, generic.count)))
            }
            order = generic
        }

        mutating func text(kind: MeasureKind, deadline: Day?, _ figures: Figures, _ rng: inout SeededGenerator) -> String {
            let action = figures.fill(order[next % order.count])
            next += 1
            switch kind {
            case .immediate:
                return rng.pick(MeasureWording.immediatePrefixes) + action + "。"
            case .longTerm:
                return action + rng.pick(MeasureWording.longTermEndings)
            case .timeBound:
                guard let deadline else { return action + "。" }
                switch rng.int(0..<4) {
                case 0: return action + "，于\(deadline.year)年\(deadline.month)月底前完成。"
                case 1: return action + "，\(deadline.year)年\(deadline.month)月底前整改到位。"
                case 2: return action + "，按月报送整改进展。"
                default: return action + "。"
                }
            }
        }
    }

    /// A progress report at `value` percent.
    static func report(_ value: Int, subject: String, _ rng: inout SeededGenerator) -> String {
        let starts: [String], ends: [String]
        switch value {
        case ..<30:
            starts = ["已制定工作方案，明确责任分工和时间节点", "已召开专题会议研究部署", "已成立工作专班，明确专人负责", "已完成前期摸排，梳理形成问题清单"]
            ends = ["，相关工作正在推进。", "，正按计划推进。", "，目前完成约\(value)%。", "，下一步将加快推进。"]
        case ..<70:
            starts = ["已完成阶段性任务", "已完成部分整改事项", "相关制度已形成初稿，正在征求意见", "已完成问题清单中的部分事项"]
            ends = ["，正按计划推进剩余工作。", "，其余事项因涉及多部门协调正在推进。", "，目前完成约\(value)%。", "，下一步将加强跟踪督办。"]
        case ..<100:
            starts = ["主体工作已完成", "已完成大部分整改任务", "制度文件已提交会议审议", "已完成整改验收前的自查"]
            ends = ["，正在进行收尾和资料整理。", "，目前完成约\(value)%。", "，剩余事项将按期完成。", "，正在补充完善佐证材料。"]
        default:
            starts = ["各项工作已按计划完成", "整改任务已全部完成", "相关制度已印发实施", "问题已整改到位"]
            ends = ["，佐证材料已上传。", "，已组织单位自查，申请销号。", "，相关佐证材料已整理归档。"]
        }
        let middles = ["", "", "，\(subject)方面的问题已逐项建立台账", "，已对照整改方案逐项推进", "，已向分管领导专题汇报"]
        return rng.pick(starts) + rng.pick(middles) + rng.pick(ends)
    }

    static func returnOpinion(subject: String, _ rng: inout SeededGenerator) -> String {
        rng.pick(["佐证材料不全，请补充会议纪要和现场照片后重新报送。", "进展情况表述笼统，请列明已完成的具体事项和数据。",
                  "请补充\(subject)相关制度文件的印发文号。", "完成比例与佐证材料不符，请核实后重新报送。"])
    }

    static func selfCheck(subject: String, _ rng: inout SeededGenerator) -> String {
        rng.pick(["经单位自查，整改任务已全部完成，申请销号。", "经自查，\(subject)方面的整改措施已全部落实，佐证材料齐全，申请销号。",
                  "已对照整改方案逐项自查，整改到位，申请销号。"])
    }

    static func officeReview(_ rng: inout SeededGenerator) -> String {
        rng.pick(["经逐项检查验收，佐证材料齐全，同意提请销号。", "经核查，整改措施已落实，成效明显，同意提请领导签批销号。",
                  "经现场核验和资料审核，整改到位，同意提请销号。"])
    }

    static func leaderSignOff(_ rng: inout SeededGenerator) -> String {
        rng.pick(["同意销号。", "同意。请持续巩固整改成果，防止问题反弹。", "同意销号，纳入“回头看”范围。"])
    }

    static func lookBackPassed(subject: String, _ rng: inout SeededGenerator) -> String {
        rng.pick(["整改成果巩固良好，未发现反弹。", "经“回头看”，\(subject)相关制度执行到位，未发现同类问题。",
                  "抽查相关事项，整改成果巩固良好。"])
    }

    static func lookBackFailed(subject: String, _ rng: inout SeededGenerator) -> String {
        rng.pick(["“回头看”发现整改成果巩固不够，问题出现反弹，重新整改。", "“回头看”发现\(subject)方面仍有同类问题，重新整改。"])
    }
}
