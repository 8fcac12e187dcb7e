// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer harnesses for the report reader and checker (ReaderFuzzer), the ledger workbook
// reader (LedgerFuzzer) and the bounded reading of uploaded archives (ArchiveFuzzer). A package of its own, so that the main package and its Vapor dependencies
// are never built with the fuzzer and AddressSanitizer. The sources are the main package's own,
// through the symlinks Sources/RectifyCore -> ../../Sources/RectifyCore and Sources/RectifyDocuments
// -> ../../Sources/RectifyDocuments (a target's path cannot leave its package; SwiftPM follows the
// links), each target taking only the files the readers need: no swift-crypto, no bundled resources.
// Build and run: ./run.sh (see README.md).
let sourcesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources")

/// Every file and folder under the target's folder that `sources` leaves out, so that SwiftPM does
/// not warn about them (the set changes as the main package grows).
func exclusions(of target: String, keeping sources: [String]) -> [String] {
    func walk(_ relative: String) -> [String] {
        let folder = sourcesRoot.appendingPathComponent(target).appendingPathComponent(relative)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().flatMap { name -> [String] in
            let path = relative.isEmpty ? name : relative + "/" + name
            if sources.contains(path) { return [] }
            if sources.contains(where: { $0.hasPrefix(path + "/") }) { return walk(path) }
            return [path]
        }
    }
    return walk("")
}

let coreSources = ["Reader", "Upload", "Calendar/Day.swift"]
let documentsSources = ["Excel", "Support/OfficeArchive.swift", "Support/XMLEscaper.swift"]

let package = Package(
    name: "RectifyFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        // As in the main package; resolved from the machine's local package copies.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
    ],
    targets: [
        .target(
            name: "RectifyCore",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Sources/RectifyCore",
            exclude: exclusions(of: "RectifyCore", keeping: coreSources),
            sources: coreSources
        ),
        .target(
            name: "RectifyDocuments",
            dependencies: ["RectifyCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Sources/RectifyDocuments",
            exclude: exclusions(of: "RectifyDocuments", keeping: documentsSources),
            sources: documentsSources
        ),
        .target(name: "FuzzerDriver", path: "Sources/FuzzerDriver"),
        .executableTarget(
            name: "ReaderFuzzer",
            dependencies: ["RectifyCore", "FuzzerDriver", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Sources/ReaderFuzzer"
        ),
        .executableTarget(
            name: "LedgerFuzzer",
            dependencies: ["RectifyDocuments", "RectifyCore", "FuzzerDriver"],
            path: "Sources/LedgerFuzzer"
        ),
        .executableTarget(
            name: "ArchiveFuzzer",
            dependencies: ["RectifyDocuments", "RectifyCore", "FuzzerDriver", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Sources/ArchiveFuzzer"
        ),
    ],
    swiftLanguageModes: [.v6]
)
