import Foundation

public enum ReportFactKind: String, Codable, Sendable {
    /// A dated action (`2023年11月28日`, `2023年9—11月`, `截至2024年4月`).
    case date
    /// A document title in 《》, with its number when one follows (`赣市财基字〔2024〕3号`).
    case document
    /// A number with a unit or a percentage (`540个`, `98.9%`).
    case quantity
    /// An amount of money (`144.3241万元`).
    case money
    /// People held accountable (`对8名责任人给予了批评教育`).
    case accountability
}
