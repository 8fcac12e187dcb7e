import Fluent
import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    @Suite struct SessionAndBulletinTests {
        @Test func signingInOpensACookieSessionThatLogoutEnds() async throws {
            try await withApp { app in
                _ = try await Fixture.make(app)
                let login = try await app.send(.POST, "/api/v1/auth/login", body: ["username": "office", "password": "password-office"])
                #expect(login.status == .ok)
                let cookie = try #require(login.headers.setCookie?["rectify_session"])
                #expect(cookie.isHTTPOnly)
                var headers = HTTPHeaders()
                headers.cookie = ["rectify_session": HTTPCookies.Value(string: cookie.string)]

                let me = try await app.send(.GET, "/api/v1/me", headers: headers)
                #expect(me.status == .ok)
                #expect(try me.json()["username"] as? String == "office")
                // A write signed in by the cookie is JSON (or carries X-CSRF-Token); a bare POST is refused.
                #expect(try await app.send(.POST, "/api/v1/auth/logout", headers: headers).status == .forbidden)
                let logout = try await app.send(.POST, "/api/v1/auth/logout", headers: headers, raw: "{}")
                #expect(logout.status == .noContent)
                let after = try await app.send(.GET, "/api/v1/me", headers: headers)
                #expect(after.status == .unauthorized)
            }
        }

        @Test func aWrongPasswordOpensNothing() async throws {
            try await withApp { app in
                _ = try await Fixture.make(app)
                let login = try await app.send(.POST, "/api/v1/auth/login", body: ["username": "office", "password": "wrong"])
                #expect(login.status == .unauthorized)
                #expect(login.errorCode == "invalid_credentials")
                #expect(login.headers.setCookie?["rectify_session"] == nil)
            }
        }

        @Test func aWeeklyBulletinIsGeneratedStoredAndRegenerated() async throws {
            try await withApp { app in
                _ = try await DemoLedger.loadIfEmpty(app)
                let body = try #require(try await Organization.query(on: app.db).filter(\.$kind == "body").first()?.id)
                let office = try await Fixture.makeUser(app, name: "office2", role: .office, organization: body)
                let inspection = try #require(try await Inspection.query(on: app.db).first()?.id)

                let first = try await app.send(.POST, "/api/v1/bulletins", token: office,
                                               body: ["inspectionId": inspection, "week": "2024-W11"])
                let again = try await app.send(.POST, "/api/v1/bulletins", token: office,
                                               body: ["inspectionId": inspection, "week": "2024-W11"])
                let list = try await app.send(.GET, "/api/v1/bulletins?inspectionId=\(inspection)", token: office)
                let bad = try await app.send(.POST, "/api/v1/bulletins", token: office, body: ["inspectionId": inspection, "week": "2024-13"])

                #expect(first.status == .created)
                #expect(again.status == .created)
                #expect(try again.json()["version"] as? Int == 2)
                #expect(list.total == 1)
                let paragraphs = try first.json()["paragraphs"] as? [String] ?? []
                #expect(paragraphs.first?.contains("2024年第11周") == true)
                #expect(paragraphs.contains { $0.hasPrefix("一、") })
                let bulletin = try #require(try first.json()["bulletin"] as? [String: Any])
                #expect((bulletin["totals"] as? [String: Any])?["measures"] as? Int == 36)
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.errorFields == ["week"])
            }
        }
    }
}
