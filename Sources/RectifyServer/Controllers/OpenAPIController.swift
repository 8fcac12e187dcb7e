import Vapor

/// Serves the API document at `/api/v1/openapi.json`.
struct OpenAPIController: RouteCollection {
    static let operations: [APIOperation] = [
        APIOperation(method: "GET", path: "/openapi.json", summary: "本接口文档（OpenAPI 3.1）", access: .anyone,
                     request: nil, response: .freeObject, status: 200),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, "openapi.json", access: .anyone, use: document)
    }

    @Sendable
    func document(_ req: Request) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(APIRegistry.document)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
