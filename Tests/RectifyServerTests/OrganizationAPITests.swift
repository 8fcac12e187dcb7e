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
    }
}
