import Fluent
import Foundation
@testable import RectifyServer
import Testing
import Vapor

extension ServerTests {
    /// A request is freed once answered. The access context kept in a request's storage once held a
    /// closure that held the request: every request of an office, leader or unit reporter stayed in
    /// memory for good (about 7 KB each, 100 MB in ten seconds of a measure list under load).
    @Suite struct RequestLifetimeTests {
        @Test func aRequestWithItsAccessContextIsFreed() async throws {
            try await withApp { app in
                let fx = try await Fixture.make(app)
                for name in ["office", "reporterA", "supervisor"] {
                    let user = try #require(try await User.query(on: app.db).filter(\.$username == name).first())
                    weak var freed: Request?
                    do {
                        let request = Request(application: app, method: .GET, url: "/api/v1/measures", on: app.eventLoopGroup.next())
                        request.auth.login(user)
                        let access = try await request.access()
                        // The body's units load through the request (its revision) while it lives.
                        let units = try await access.bodyUnits(on: request.db)
                        #expect(name == "supervisor" ? units == nil : units?.contains(fx.unitA) == true)
                        freed = request
                    }
                    #expect(freed == nil, "the request of \(name) outlived its use")
                }
            }
        }
    }
}
