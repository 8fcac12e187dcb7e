import Foundation
import RectifyCore
import Vapor

/// What a search for common problems asks: which bodies (a sector or all), which of their rounds
/// (those fed back in a year, named rounds, or else each body's latest), how alike, and how shown.
struct CommonProblemsRequest: Sendable {
    enum Sort: String, CaseIterable, Sendable {
        case bodies, problems, overdue, category

        var label: String {
            switch self {
            case .bodies: "涉及单位数"
            case .problems: "问题数"
            case .overdue: "超期占比"
            case .category: "问题类别"
            }
        }
    }

    var sector: BodySector?
    var year: Int?
    var rounds: [UUID] = []
    var threshold = SimilarityThreshold.default
    var minimumBodies = 2
    var sort = Sort.bodies

    /// Reads the query of the API, the page and the export alike; a bad value is a 422 naming it.
    static func from(_ req: Request) throws -> CommonProblemsRequest {
        var request = CommonProblemsRequest()
        var v = FieldValidator()
        if let text = req.query[String.self, at: "sector"].nonBlank {
            if let sector = BodySector(text: text) { request.sector = sector } else {
                v.add("sector", "invalid_value", BodySector.expectedMessage)
            }
        }
        if let text = req.query[String.self, at: "inspectionYear"].nonBlank {
            if let year = Int(text), (2000...2100).contains(year) { request.year = year } else {
                v.add("inspectionYear", "invalid_value", "巡察年度应为四位年份，如 2024")
            }
        }
        if let text = req.query[String.self, at: "inspectionIds"].nonBlank {
            let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let ids = parts.compactMap(UUID.init(uuidString:))
            if ids.count != parts.count { v.add("inspectionIds", "invalid_id", "巡察轮次应为以逗号分隔的有效编号（UUID）") }
            else if ids.count > Self.roundLimit { v.add("inspectionIds", "too_many", "一次最多指定\(Self.roundLimit)个巡察轮次") }
            else { request.rounds = ids }
        }
        if let text = req.query[String.self, at: "threshold"].nonBlank {
            if let threshold = SimilarityThreshold.parse(text) { request.threshold = threshold } else {
                v.add("threshold", "out_of_range", SimilarityThreshold.rangeMessage)
            }
        }
        if let text = req.query[String.self, at: "minBodies"].nonBlank {
            if let count = Int(text), (1...100).contains(count) { request.minimumBodies = count } else {
                v.add("minBodies", "invalid_value", "最少涉及单位数应为1至100之间的整数")
            }
        }
        if let text = req.query[String.self, at: "sort"].nonBlank {
            if let sort = Sort(rawValue: text) { request.sort = sort } else {
                v.add("sort", "invalid_value", "排序应为：\(Sort.allCases.map(\.rawValue).joined(separator: "、"))")
            }
        }
        try v.check()
        return request
    }

    /// Rounds one request may name.
    static let roundLimit = 500

    /// The query string that asks for this again (the page's links keep the filters).
    func query(sort: Sort? = nil, page: Int? = nil) -> String {
        var items: [(String, String)] = []
        if let sector { items.append(("sector", sector.rawValue)) }
        if let year { items.append(("inspectionYear", String(year))) }
        if !rounds.isEmpty { items.append(("inspectionIds", rounds.map(\.uuidString).joined(separator: ","))) }
        items.append(("threshold", SimilarityThreshold.text(threshold)))
        items.append(("minBodies", String(minimumBodies)))
        items.append(("sort", (sort ?? self.sort).rawValue))
        if let page { items.append(("page", String(page))) }
        return items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }
}
