import Foundation

struct TestXMLError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
