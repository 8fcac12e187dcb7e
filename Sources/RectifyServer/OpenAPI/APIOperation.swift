import RectifyCore

/// A route outside the standard resource shape, described for the API document.
struct APIOperation: Sendable {
    let method: String
    /// OpenAPI path template, e.g. `/measures/{id}/status`.
    let path: String
    let summary: String
    let access: RouteAccess
    let request: SchemaType?
    let response: SchemaType?
    let status: Int
    var requestMediaType: String = "application/json"
    var responseMediaType: String = "application/json"
    var query: [(String, String)] = []
}
