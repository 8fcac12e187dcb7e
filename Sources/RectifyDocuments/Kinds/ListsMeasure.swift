import Foundation
import RectifyCore

/// A measure as the three lists (问题清单、任务清单、责任清单) show it.
public struct ListsMeasure: Sendable, Equatable {
    public var text: String
    /// 整改目标 or expected result.
    public var target: String
    public var leader: String
    public var leadUnit: String
    public var supportingUnits: [String]
    public var deadline: Day?

    public init(text: String, target: String = "", leader: String, leadUnit: String, supportingUnits: [String] = [], deadline: Day?) {
        self.text = text
        self.target = target
        self.leader = leader
        self.leadUnit = leadUnit
        self.supportingUnits = supportingUnits
        self.deadline = deadline
    }
}
