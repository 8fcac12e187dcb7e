import Foundation
@testable import RectifyServer
import Testing
import Vapor

extension ServerTests {
    /// A list's parameters are read from the query parsed once, as Vapor's decoder reads them.
    @Suite struct QueryValuesTests {
        @Test func valuesAreDecodedAsVaporDecodesThem() async throws {
            let app = try await Application.make(.testing)
            let query = "q=%E4%B8%93%E9%A1%B9+%E8%B5%84%E9%87%91&status=in_progress&per=&flag&page=2&page=3&bad=%E4%B8"
            let req = Request(application: app, method: .GET, url: URI(string: "/api/v1/measures?\(query)"), on: app.eventLoopGroup.next())
            #expect(req.queryValue("q") == "专项 资金")
            #expect(req.queryValue("q") == req.query[String.self, at: "q"])
            #expect(req.queryValue("status") == "in_progress" && req.queryValue("status") == req.query[String.self, at: "status"])
            #expect(req.queryValue("per") == "" && req.query[String.self, at: "per"] == "")
            #expect(req.queryValue("flag") == "")
            #expect(req.queryValue("page") == "3")
            #expect(req.queryValue("missing") == nil && req.query[String.self, at: "missing"] == nil)
            #expect(req.queryValue("bad") == nil, "a broken escape is no value")
            try await app.asyncShutdown()
        }
    }
}
