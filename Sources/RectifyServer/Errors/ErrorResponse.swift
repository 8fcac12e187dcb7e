import RectifyCore
import Vapor

/// The JSON body of every API error.
struct ErrorResponse: Content {
    struct Body: Content {
        var code: String
        var message: String
        var fields: [FieldIssue]
    }
    var error: Body
}
