import Foundation
import ZIPFoundation

/// Small helpers around ZIPFoundation for the OOXML packages this library writes and reads.
enum OfficeArchive {
    /// A fixed timestamp for entries, so that the same input gives the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 1_704_067_200)

    static func add(_ text: String, at path: String, to archive: Archive) throws {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                             modificationDate: entryDate, compressionMethod: .deflate) { position, size in
            let start = Int(position)
            return data.subdata(in: start..<min(start + size, data.count))
        }
    }
}
