/// The wording of the reminder notice the escalation scan issues to a body that has not answered a
/// self-inspection task (举一反三) by its due day.
public enum SelfInspectionNoticeText {
    public struct Item: Sendable {
        public var title: String
        public var dueOn: Day
        public var workingDaysOverdue: Int

        public init(title: String, dueOn: Day, workingDaysOverdue: Int) {
            self.title = title
            self.dueOn = dueOn
            self.workingDaysOverdue = workingDaysOverdue
        }
    }

    public static func title(_ step: EscalationStep) -> String {
        "关于逾期未报送举一反三自查情况的\(step.documentTitle)"
    }

    /// Item lines start with their number, as `ReminderNoticeText.isItemLine` expects.
    public static func body(bodyName: String, items: [Item], replyDue: Day) -> String {
        var lines = ["经巡察机构核查，\(bodyName)下列举一反三自查任务已超过报送期限，仍未报送自查情况："]
        for (index, item) in items.enumerated() {
            lines.append("\(index + 1). 《\(item.title)》（报送期限：\(item.dueOn.chinese)；已逾期\(item.workingDaysOverdue)个工作日）")
        }
        lines.append("请单位主要负责人切实履行整改主体责任，对照要求逐项开展自查，于\(replyDue.chinese)前在平台报送自查情况；查找到同类问题的，应同时制定整改措施、明确整改期限。")
        return lines.joined(separator: "\n")
    }
}
