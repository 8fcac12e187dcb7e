/// How the weekly bulletin grades and trims its lists. Missing keys decode to the defaults.
public struct BulletinSettings: Codable, Hashable, Sendable {
    /// The warning rules' thresholds, normally the inspection round's own.
    public var thresholds: WarningThresholds
    /// A measure is listed as not reporting once this many working days have passed since its
    /// last progress report (or since its start when it has none).
    public var staleWorkingDays: Int
    /// Rows in each unit ranking.
    public var topUnits: Int

    public static let defaultStaleWorkingDays = 10
    public static let defaultTopUnits = 10

    public init(thresholds: WarningThresholds = .default,
                staleWorkingDays: Int = BulletinSettings.defaultStaleWorkingDays,
                topUnits: Int = BulletinSettings.defaultTopUnits) {
        self.thresholds = thresholds
        self.staleWorkingDays = staleWorkingDays
        self.topUnits = topUnits
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        thresholds = try container.decodeIfPresent(WarningThresholds.self, forKey: .thresholds) ?? .default
        staleWorkingDays = try container.decodeIfPresent(Int.self, forKey: .staleWorkingDays)
            ?? Self.defaultStaleWorkingDays
        topUnits = try container.decodeIfPresent(Int.self, forKey: .topUnits) ?? Self.defaultTopUnits
    }

    /// Problems an operator must fix before saving, in Chinese; empty when the values are usable.
    public var problems: [String] {
        var found = thresholds.problems
        if !(1...250).contains(staleWorkingDays) {
            found.append("未报送进展提示天数应在1至250个工作日之间")
        }
        if !(1...100).contains(topUnits) {
            found.append("单位排名列示数应在1至100之间")
        }
        return found
    }

    private enum CodingKeys: String, CodingKey {
        case thresholds, staleWorkingDays, topUnits
    }
}
