/// A measure that became 已完成整改 during the bulletin's week and was still closed on Sunday.
public struct BulletinCompletion: Codable, Hashable, Sendable {
    public var id: String
    public var label: String
    public var text: String
    public var unit: String
    public var leader: String?
    public var kind: MeasureKind
    public var closedOn: Day

    public init(id: String, label: String, text: String, unit: String, leader: String?, kind: MeasureKind,
                closedOn: Day) {
        self.id = id
        self.label = label
        self.text = text
        self.unit = unit
        self.leader = leader
        self.kind = kind
        self.closedOn = closedOn
    }
}
