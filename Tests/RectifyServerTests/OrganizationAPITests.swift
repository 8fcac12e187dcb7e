import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import VaporTesting

extension ServerTests {
    @Suite struct OrganizationAPITests {
        @Test func createGetUpdateAndDeleteAnOrganization() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let created = try await app.send(.POST, "/api/v1/organizations", token: fx.token("office"),
                                                 json: ["name": "法规科", "kind": "department", "parentId": fx.body.uuidString])
                #expect(created.status == .created)
                #expect(created.headers.first(name: .eTag) == "\"1\"")
                let dto = try created.decode(OrganizationDTO.self)
                #expect(dto.name == "法规科")

                let fetched = try await app.send(.GET, "/api/v1/organizations/\(dto.id)", token: fx.token("reporterA"))
                #expect(try fetched.decode(OrganizationDTO.self) == dto)

                let updated = try await app.send(.PATCH, "/api/v1/organizations/\(dto.id)", token: fx.token("office"),
                                                 json: ["name": "政策法规科"], headers: ["If-Match": "\"1\""])
                #expect(updated.status == .ok)
                #expect(try updated.decode(OrganizationDTO.self).version == 2)

                let stale = try await app.send(.PATCH, "/api/v1/organizations/\(dto.id)", token: fx.token("office"),
                                               json: ["name": "旧名"], headers: ["If-Match": "\"1\""])
                #expect(stale.status == .conflict)
                #expect(stale.errorCode == "stale_version")

                let deleted = try await app.send(.DELETE, "/api/v1/organizations/\(dto.id)", token: fx.token("office"),
                                                 headers: ["If-Match": "\"2\""])
                #expect(deleted.status == .noContent)
                let gone = try await app.send(.GET, "/api/v1/organizations/\(dto.id)", token: fx.token("office"))
                #expect(gone.status == .notFound)
            }
        }

        @Test func validationErrorsNameTheField() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let missing = try await app.send(.POST, "/api/v1/organizations", token: fx.token("office"), json: ["name": " "])
                #expect(missing.status == .unprocessableEntity)
                #expect(Set(missing.errorFields) == ["name", "kind"])
                let badEnum = try await app.send(.POST, "/api/v1/organizations", token: fx.token("office"),
                                                 json: ["name": "某科", "kind": "galaxy"])
                #expect(badEnum.status == .unprocessableEntity)
                #expect(badEnum.errorFields == ["kind"])
                let malformed = try await app.send(.POST, "/api/v1/organizations", token: fx.token("office"), raw: "{\"name\": ")
                #expect(malformed.status == .badRequest)
                #expect(malformed.errorCode == "malformed_json")
            }
        }
        /// A body's sector: set by an administrator on a body at the top of its tree, filtered on,
        /// refused to an office and on a department, and cleared with "".
        @Test func aBodysSectorIsSetByAnAdministratorOnly() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                let created = try await app.send(.POST, "/api/v1/organizations", token: fx.token("admin"),
                                                 json: ["name": "市卫生健康委员会党组", "kind": "body", "sector": "health"])
                #expect(created.status == .created)
                let health = try created.decode(OrganizationDTO.self)
                #expect(health.sector == .health)
                let listed = try await app.send(.GET, "/api/v1/organizations?sector=health", token: fx.token("admin"))
                #expect(try listed.decode(Page<OrganizationDTO>.self).items.map(\.id) == [health.id])
                let unknown = try await app.send(.GET, "/api/v1/organizations?sector=space", token: fx.token("admin"))
                #expect(unknown.status == .badRequest || unknown.status == .unprocessableEntity)

                let byOffice = try await app.send(.PATCH, "/api/v1/organizations/\(fx.body)", token: fx.token("office"),
                                                  json: ["sector": "education"], headers: ["If-Match": "\"1\""])
                #expect(byOffice.status == .forbidden)
                // The office may still rename its body, which keeps the sector the administrator set.
                let set = try await app.send(.PATCH, "/api/v1/organizations/\(fx.body)", token: fx.token("admin"),
                                             json: ["sector": "education"], headers: ["If-Match": "\"1\""])
                #expect(try set.decode(OrganizationDTO.self).sector == .education)
                let renamed = try await app.send(.PATCH, "/api/v1/organizations/\(fx.body)", token: fx.token("office"),
                                                 json: ["name": "市教育局党组", "sector": "education"], headers: ["If-Match": "\"2\""])
                #expect(renamed.status == .ok)
                #expect(try renamed.decode(OrganizationDTO.self).sector == .education)

                let onUnit = try await app.send(.PATCH, "/api/v1/organizations/\(fx.unitA)", token: fx.token("admin"),
                                                json: ["sector": "health"], headers: ["If-Match": "\"1\""])
                #expect(onUnit.status == .unprocessableEntity)
                #expect(onUnit.errorFields == ["sector"])
                let bad = try await app.send(.PATCH, "/api/v1/organizations/\(fx.body)", token: fx.token("admin"),
                                             json: ["sector": "space"], headers: ["If-Match": "\"3\""])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.errorFields == ["sector"])
                let cleared = try await app.send(.PATCH, "/api/v1/organizations/\(fx.body)", token: fx.token("admin"),
                                                 json: ["sector": ""], headers: ["If-Match": "\"3\""])
                #expect(try cleared.decode(OrganizationDTO.self).sector == nil)

                // The admin page sets it too.
                let admin = try await ServerTests.PageFlowTests.Browser.signIn(app, "admin", "password-admin")
                let page = try await admin.get("/admin?body=\(fx.body)").body.string
                #expect(page.contains("所属领域") && page.contains("卫生健康"))
                let saved = try await admin.post("/admin/sector?body=\(fx.body)", form: ["bodyId": fx.body.uuidString, "sector": "towns", "version": "4"])
                #expect(saved.status == .seeOther)
                #expect(try await Organization.find(fx.body, on: app.db)?.sector == "towns")
            }
        }
    }
}
