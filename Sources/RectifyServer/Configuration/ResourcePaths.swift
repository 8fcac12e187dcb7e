import Foundation

/// Templates and static files ship inside the binary's resource bundle, so `rectify` finds them
/// wherever it is started from.
enum ResourcePaths {
    static let root: String = {
        let url = Bundle.module.resourceURL ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return url.appendingPathComponent("Resources").path
    }()

    static var views: String { root + "/Views/" }
    static var publicFiles: String { root + "/Public/" }
}
