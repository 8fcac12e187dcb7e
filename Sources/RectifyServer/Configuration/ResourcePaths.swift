import Foundation

/// Templates and static files ship inside the binary's resource bundle, so `rectify` finds them
/// wherever it is started from.
enum ResourcePaths {
    static let root: String = {
        // The bundle holds our `Resources` folder (copied whole); ask for it by name rather than
        // guessing how the platform lays out `resourceURL`.
        if let url = Bundle.module.url(forResource: "Resources", withExtension: nil) { return url.path }
        return (Bundle.module.resourceURL ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .appendingPathComponent("Resources").path
    }()

    static var views: String { root + "/Views/" }
    static var publicFiles: String { root + "/Public/" }
}
