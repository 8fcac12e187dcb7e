import Foundation
import RectifyCore

/// Names and short texts generated ledgers draw from besides the sectors' problems. All names are invented.
enum Pools {
    static let regions = [
        "江川市", "临河县", "东湖区", "西山区", "南平县", "北塘区", "青溪县", "白沙县", "石门县", "云台区",
        "桃源县", "清河区", "安平县", "长宁县", "永丰县", "金溪县", "新城区", "宁远县", "丰乐县", "平湖市",
        "高桥县", "龙泉市", "凤凰县", "兴安县", "瑞金区",
    ]
    static let evidenceNames = ["佐证材料说明.txt", "会议纪要.txt", "整改台账.txt", "制度文件清单.txt", "现场检查记录.txt"]
    /// Titles of regulations a round produces (建章立制), around a problem's subject ({X}).
    static let regulationForms = ["关于进一步加强{X}工作的意见", "关于规范{X}的若干规定", "{X}工作规程", "{X}问题整改长效机制实施办法"]
    static let responsibilities = ["直接责任", "领导责任", "监管责任", "审核把关责任"]
    static let fundDescriptions = ["追回超范围列支的专项资金", "追回多支付的工程款", "清退违规发放的津补贴", "收回闲置结余资金",
                                   "清退违规收取的费用", "追缴欠缴的租金", "追回违规领取的补贴资金"]
    static let feedbackTexts = ["建议在门户网站公布整改进展的具体时间安排。", "反映办事窗口服务态度不好，希望尽快整改。"]
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
