/// The field an inspected body works in (所属领域), as the inspection office groups bodies when it looks
/// for problems common to a sector (共性问题) or sends a self-inspection task (举一反三) to all of one.
/// The keys are stored; the labels are what pages and documents show.
public enum BodySector: String, Codable, CaseIterable, Sendable {
    case housing, education, health, transport, agriculture, resources, enterprises, towns, finance, economy, welfare, markets

    public var label: String {
        switch self {
        case .housing: "住房城乡建设"
        case .education: "教育"
        case .health: "卫生健康"
        case .transport: "交通运输"
        case .agriculture: "农业农村"
        case .resources: "自然资源和生态环境"
        case .enterprises: "国有企业"
        case .towns: "乡镇街道"
        case .finance: "金融"
        case .economy: "经济管理"
        case .welfare: "社会民生"
        case .markets: "市场监管和安全生产"
        }
    }

    /// What a refused sector is told, wherever one is given.
    public static let expectedMessage = "所属领域应为以下之一：" + allCases.map(\.rawValue).joined(separator: "、")

    /// A key or a label, as an import or a form may give it.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let found = BodySector(rawValue: trimmed) ?? BodySector.allCases.first(where: { $0.label == trimmed }) else { return nil }
        self = found
    }
}
