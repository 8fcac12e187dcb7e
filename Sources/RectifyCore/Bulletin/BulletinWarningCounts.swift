/// Measures per warning level on one day.
public struct BulletinWarningCounts: Codable, Hashable, Sendable {
    public var red: Int
    public var yellow: Int
    public var green: Int
    public var pendingCloseOut: Int
    public var longTerm: Int
    public var closed: Int

    public init(red: Int = 0, yellow: Int = 0, green: Int = 0, pendingCloseOut: Int = 0, longTerm: Int = 0,
                closed: Int = 0) {
        self.red = red
        self.yellow = yellow
        self.green = green
        self.pendingCloseOut = pendingCloseOut
        self.longTerm = longTerm
        self.closed = closed
    }

    public func count(_ level: WarningLevel) -> Int {
        switch level {
        case .red: red
        case .yellow: yellow
        case .green: green
        case .pendingCloseOut: pendingCloseOut
        case .longTerm: longTerm
        case .closed: closed
        }
    }

    mutating func add(_ level: WarningLevel) {
        switch level {
        case .red: red += 1
        case .yellow: yellow += 1
        case .green: green += 1
        case .pendingCloseOut: pendingCloseOut += 1
        case .longTerm: longTerm += 1
        case .closed: closed += 1
        }
    }
}
