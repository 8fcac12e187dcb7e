import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// Publishing a report and what the public sees.
    @Suite struct PublicReportTests {
        static func publish(_ app: Application) async throws -> (String, String) {
            _ = try await DemoLedger.loadIfEmpty(app)
            let body = try #require(try await Organization.query(on: app.db).filter(\.$kind == "body").first()?.id)
            let office = try await Fixture.makeUser(app, name: "office2", role: .office, organization: body)
            let inspection = try #require(try await Inspection.query(on: app.db).first()?.id)
            let res = try await app.send(.POST, "/api/v1/publications", token: office, body: ["inspectionId": inspection])
            #expect(res.status == .created)
            return (try #require(try res.json()["url"] as? String), office)
        }

        @Test func nothingIsPublicUntilPublishedThenThePageAndDocumentAreOpenToAll() async throws {
            try await withApp { app in
                let unknown = try await app.send(.GET, "/public/reports/\(UUID())", headers: ["Accept": "text/html"])
                #expect(unknown.status == .notFound)

                let (url, _) = try await Self.publish(app)
                let page = try await app.send(.GET, url, headers: ["Accept": "text/html"])
                let document = try await app.send(.GET, url + "/document")

                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains("关于巡察整改进展情况的通报"))
                #expect(html.contains("一、党组及主要负责人组织整改落实情况"))
                #expect(html.contains("<form method=\"post\" action=\"\(url)/feedback\">"))
                #expect(document.status == .ok)
                #expect(document.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document")
            }
        }

        @Test func thePublicSendsFeedbackWhichIsStoredAndRateLimited() async throws {
            try await withApp { app in
                let (url, office) = try await Self.publish(app)
                let page = try await app.send(.GET, url)
                let cookie = try #require(page.headers.setCookie?["rectify_session"])
                let html = page.body.string
                let token = String(html[html.range(of: #"name="_csrf" value=""#)!.upperBound...].prefix { $0 != "\"" })
                func post(_ text: String) async throws -> TestingHTTPResponse {
                    var result: TestingHTTPResponse?
                    try await app.testing().test(.POST, url + "/feedback", beforeRequest: { req in
                        req.headers.cookie = ["rectify_session": HTTPCookies.Value(string: cookie.string)]
                        try req.content.encode(["_csrf": token, "text": text, "contact": "市民李先生"], as: .urlEncodedForm)
                    }, afterResponse: { result = $0 })
                    return try #require(result)
                }

                let empty = try await post(" ")
                var statuses: [HTTPStatus] = []
                for n in 1...6 { statuses.append(try await post("建议公布第\(n)项整改的完成时间").status) }

                #expect(empty.status == .unprocessableEntity)
                #expect(statuses.prefix(5).allSatisfy { $0 == .seeOther })
                #expect(statuses.last == .tooManyRequests)
                let stored = try await app.send(.GET, "/api/v1/public-feedback?state=received", token: office)
                #expect(try stored.items().contains { ($0["text"] as? String) == "建议公布第1项整改的完成时间" })
                #expect(try await PublicFeedback.query(on: app.db).filter(\.$publicationID != nil).count() == 5)
            }
        }

        @Test func onlyTheOfficePublishes() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let ledger = Ledger(app: app, fx: fx)
                let inspection = try await ledger.inspection()
                for name in ["leader", "supervisor", "reporterA"] {
                    let res = try await app.send(.POST, "/api/v1/publications", token: fx.token(name), body: ["inspectionId": inspection.id])
                    #expect(res.status == .forbidden, "\(name)")
                }
            }
        }
    }
}
