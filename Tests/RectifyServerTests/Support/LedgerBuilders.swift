import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

// Helpers shared by the ledger API suites: JSON bodies with mixed value types, raw and multipart
// uploads, ISO-8601 DTO decoding, and builders for the entities most tests need.

/// Turns UUIDs (and arrays of them) into strings so a dictionary literal can be sent as JSON.
private func jsonReady(_ value: Any) -> Any {
    switch value {
    case let id as UUID: return id.uuidString
    case let ids as [UUID]: return ids.map(\.uuidString)
    case let dict as [String: Any]: return dict.mapValues(jsonReady)
    case let array as [Any]: return array.map(jsonReady)
    default: return value
    }
}

struct FileUpload: Content {
    var file: File
}

extension Application {
    /// Sends a JSON object written as a dictionary literal (UUIDs allowed as values).
    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, body: [String: Any],
              headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        let data = try JSONSerialization.data(withJSONObject: jsonReady(body))
        let text = String(decoding: data, as: UTF8.self)
        return try await send(method, path, token: token, headers: headers, raw: text)
    }

    /// Sends raw bytes with a content type (evidence upload with `?name=`).
    func sendBytes(_ method: HTTPMethod, _ path: String, token: String?, bytes: Data,
                   contentType: HTTPMediaType = .binary) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await self.testing().test(method, path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            req.headers.contentType = contentType
            req.body = ByteBuffer(data: bytes)
        }, afterResponse: { res in result = res })
        return result!
    }

    /// Uploads a file as the multipart field `file`.
    func sendMultipart(_ path: String, token: String?, filename: String, bytes: Data) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await self.testing().test(.POST, path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            try req.content.encode(FileUpload(file: File(data: ByteBuffer(data: bytes), filename: filename)), as: .formData)
        }, afterResponse: { res in result = res })
        return result!
    }

    /// The number of audit events, read as the supervisor would through the API.
    func auditTotal(_ fx: Fixture) async throws -> Int {
        let page = try await send(.GET, "/api/v1/audit?per=1", token: fx.token("supervisor"))
        #expect(page.status == .ok)
        return try page.json()["total"] as? Int ?? -1
    }
}

extension TestingHTTPResponse {
    /// Decodes a DTO whose dates are ISO-8601, as the server encodes them.
    func dto<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(buffer: body))
    }

    /// `items` of a page as dictionaries.
    func items() throws -> [[String: Any]] { (try json()["items"] as? [[String: Any]]) ?? [] }

    var total: Int? { (try? json())?["total"] as? Int }

    var etag: String? { headers.first(name: .eTag) }

    var errorFieldCodes: [String] {
        guard let error = (try? json())?["error"] as? [String: Any], let fields = error["fields"] as? [[String: Any]] else { return [] }
        return fields.compactMap { $0["code"] as? String }
    }
}

/// `If-Match` for a version.
func ifMatch(_ version: Int) -> HTTPHeaders { ["If-Match": "\"\(version)\""] }

/// A small ledger built through the API: one inspection of the fixture's body, with helpers for
/// problems, measures and reports. Every builder expects success and fails the test otherwise.
struct Ledger {
    let app: Application
    let fx: Fixture

    static func make(_ app: Application) async throws -> Ledger {
        Ledger(app: app, fx: try await Fixture.make(app))
    }

    func inspection(title: String = "市委第三轮巡察", body: UUID? = nil, token: String = "office",
                    feedbackDate: String = "2024-01-10") async throws -> InspectionDTO {
        let res = try await app.send(.POST, "/api/v1/inspections", token: fx.token(token), body: [
            "title": title, "kind": "inspection", "inspectingGroup": "市委第三巡察组",
            "inspectedBodyId": body ?? fx.body, "onsiteStart": "2023-10-08", "onsiteEnd": "2023-11-30",
            "feedbackDate": feedbackDate, "rectificationDeadline": "2024-04-10",
        ])
        try #require(res.status == .created, "inspection: \(res.status) \(res.body.string)")
        return try res.dto(InspectionDTO.self)
    }

    /// Publishes the round's report, so the public may send feedback about it.
    @discardableResult
    func publish(_ inspection: UUID, token: String = "office") async throws -> UUID {
        let res = try await app.send(.POST, "/api/v1/publications", token: fx.token(token), body: ["inspectionId": inspection])
        try #require(res.status == .created, "publication: \(res.status) \(res.body.string)")
        return try #require(UUID(uuidString: try res.json()["id"] as? String ?? ""))
    }

    func person(_ name: String = "王敏", organization: UUID? = nil) async throws -> PersonDTO {
        var body: [String: Any] = ["name": name, "rank": "division", "title": "副局长"]
        if let organization { body["organizationId"] = organization }
        let res = try await app.send(.POST, "/api/v1/people", token: fx.token("office"), body: body)
        try #require(res.status == .created, "person: \(res.status) \(res.body.string)")
        return try res.dto(PersonDTO.self)
    }

    func problem(_ inspection: UUID, title: String = "工程招投标监管存在漏洞", source: String = "inspection_feedback",
                 extra: [String: Any] = [:]) async throws -> ProblemDTO {
        var body: [String: Any] = ["inspectionId": inspection, "source": source, "title": title, "leadUnitId": fx.unitA,
                                   "deadline": "2024-06-30"]
        body.merge(extra) { _, new in new }
        let res = try await app.send(.POST, "/api/v1/problems", token: fx.token("office"), body: body)
        try #require(res.status == .created, "problem: \(res.status) \(res.body.string)")
        return try res.dto(ProblemDTO.self)
    }

    func measure(_ problem: UUID, text: String = "制定招标文件审查规程", leadUnit: UUID? = nil,
                 extra: [String: Any] = [:]) async throws -> MeasureDTO {
        var body: [String: Any] = ["problemId": problem, "text": text, "leadUnitId": leadUnit ?? fx.unitA,
                                   "deadline": "2024-05-31"]
        body.merge(extra) { _, new in new }
        let res = try await app.send(.POST, "/api/v1/measures", token: fx.token("office"), body: body)
        try #require(res.status == .created, "measure: \(res.status) \(res.body.string)")
        return try res.dto(MeasureDTO.self)
    }

    func report(_ measure: UUID, progress: Int, token: String = "reporterA", text: String = "已完成阶段性任务") async throws
        -> ProgressReportDTO {
        let res = try await app.send(.POST, "/api/v1/progress-reports", token: fx.token(token),
                                     body: ["measureId": measure, "text": text, "progress": progress])
        try #require(res.status == .created, "report: \(res.status) \(res.body.string)")
        return try res.dto(ProgressReportDTO.self)
    }

    func getMeasure(_ id: UUID, token: String = "office") async throws -> MeasureDTO {
        let res = try await app.send(.GET, "/api/v1/measures/\(id)", token: fx.token(token))
        try #require(res.status == .ok, "get measure: \(res.status) \(res.body.string)")
        return try res.dto(MeasureDTO.self)
    }

    func getProblem(_ id: UUID, token: String = "office") async throws -> ProblemDTO {
        let res = try await app.send(.GET, "/api/v1/problems/\(id)", token: fx.token(token))
        try #require(res.status == .ok, "get problem: \(res.status) \(res.body.string)")
        return try res.dto(ProblemDTO.self)
    }

    /// Posts one close-out decision on a measure.
    func closeOut(measure: UUID, stage: String, decision: String = "approve", opinion: String? = nil,
                  token: String) async throws -> TestingHTTPResponse {
        var body: [String: Any] = ["measureId": measure, "stage": stage, "decision": decision]
        if let opinion { body["opinion"] = opinion }
        return try await app.send(.POST, "/api/v1/close-out-records", token: fx.token(token), body: body)
    }

    /// A measure of unit A taken through self-check, office review and leader sign-off.
    func closedMeasure(_ problem: UUID) async throws -> MeasureDTO {
        let m = try await measure(problem)
        _ = try await report(m.id, progress: 100)
        for (stage, token) in [("self_check", "reporterA"), ("office_review", "office"), ("leader_sign_off", "leader")] {
            let res = try await closeOut(measure: m.id, stage: stage, token: token)
            try #require(res.status == .created, "\(stage): \(res.status) \(res.body.string)")
        }
        let closed = try await getMeasure(m.id)
        try #require(closed.status == .closed)
        return closed
    }
}

/// Percent-encodes a query value (Chinese text, `+` and the like).
func query(_ value: String) -> String {
    value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
}
