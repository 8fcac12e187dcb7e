import Foundation
import RectifyCore
@testable import RectifyServer
import Testing
import Vapor
import VaporTesting

extension ServerTests {
    /// The API document and the route table describe the same API, and every route says who may use it.
    @Suite struct OpenAPIRouteTests {
        /// "GET /measures/{id}" for every routed operation under /api/v1.
        func routedOperations(_ app: Application) -> Set<String> {
            var operations = Set<String>()
            for route in app.routes.all {
                let components = route.path.map { component -> String in
                    switch component {
                    case .constant(let text): text
                    case .parameter(let name): "{\(name)}"
                    case .anything: "*"
                    case .catchall: "**"
                    }
                }
                guard components.starts(with: ["api", "v1"]) else { continue }
                operations.insert("\(route.method.rawValue) /" + components.dropFirst(2).joined(separator: "/"))
            }
            return operations
        }

        func documentedOperations(_ document: [String: Any]) throws -> Set<String> {
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var operations = Set<String>()
            for (path, methods) in paths {
                for method in methods.keys { operations.insert("\(method.uppercased()) \(path)") }
            }
            return operations
        }

        @Test func documentIsOpenAPI31AndServedWithoutSignIn() async throws {
            try await withApp { app in
                let res = try await app.send(.GET, "/api/v1/openapi.json")
                #expect(res.status == .ok)
                #expect(res.headers.contentType == .json)
                let document = try res.json()
                #expect(document["openapi"] as? String == "3.1.0")
                let info = try #require(document["info"] as? [String: Any])
                #expect(info["title"] is String)
                #expect(((document["servers"] as? [[String: Any]])?.first?["url"] as? String) == "/api/v1")
                let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
                for name in ["Error", "Measure", "MeasureCreate", "MeasureUpdate", "MeasurePage", "CloseOutRecord"] {
                    #expect(schemas[name] != nil, "schema \(name)")
                }
                // Append-only resources have no update schema.
                #expect(schemas["CloseOutRecordUpdate"] == nil)
                #expect(schemas["MeetingUpdate"] == nil)
            }
        }

        @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() async throws {
            try await withApp { app in
                let document = try await app.send(.GET, "/api/v1/openapi.json").json()
                let documented = try documentedOperations(document)
                let routed = routedOperations(app)
                #expect(!routed.isEmpty)
                let undocumented = routed.subtracting(documented).sorted()
                let unrouted = documented.subtracting(routed).sorted()
                #expect(undocumented.isEmpty, "routes missing from openapi.json: \(undocumented)")
                #expect(unrouted.isEmpty, "documented but not routed: \(unrouted)")
                // Spot checks of shape: append-only entities have no PATCH, deletable ones have DELETE.
                #expect(routed.contains("PATCH /measures/{id}"))
                #expect(routed.contains("DELETE /measures/{id}"))
                #expect(!routed.contains("PATCH /close-out-records/{id}"))
                #expect(!routed.contains("PATCH /accountability-records/{id}"))
                #expect(routed.contains("POST /progress-reports/{id}/evidence"))
            }
        }

        @Test func documentedAccessMatchesTheRouteTable() async throws {
            try await withApp { app in
                let document = try await app.send(.GET, "/api/v1/openapi.json").json()
                let paths = try #require(document["paths"] as? [String: [String: Any]])
                for route in app.routes.all {
                    let components = route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }
                    guard components.starts(with: ["api", "v1"]), let access = route.access else { continue }
                    let path = "/" + components.dropFirst(2).joined(separator: "/")
                    guard let op = paths[path]?[route.method.rawValue.lowercased()] as? [String: Any] else { continue }
                    switch access {
                    case .anyone:
                        #expect((op["security"] as? [Any])?.isEmpty == true, "\(route.method) \(path) should be open")
                        #expect(op["x-roles"] == nil)
                    case .roles(let roles):
                        #expect(Set(op["x-roles"] as? [String] ?? []) == Set(roles.map(\.rawValue)), "\(route.method) \(path) roles")
                    }
                }
            }
        }

        @Test func everyRouteHasAnAccessRule() async throws {
            try await withApp { app in
                let missing = app.routes.all.filter { $0.access == nil }.map { "\($0.method) \($0.path.string)" }
                #expect(missing.isEmpty, "routes without an access rule: \(missing)")
                #expect(app.routes.all.count > 40)
            }
        }

        @Test func openRoutesAreOnlyLoginPublicFeedbackAndTheDocument() async throws {
            try await withApp { app in
                let open = Set(app.routes.all.filter { $0.access == .anyone && $0.path.string.hasPrefix("api/v1/") }.map { "\($0.method.rawValue) /\($0.path.string)" })
                #expect(open == ["POST /api/v1/auth/login", "POST /api/v1/public-feedback", "GET /api/v1/openapi.json"])
            }
        }
    }
}
