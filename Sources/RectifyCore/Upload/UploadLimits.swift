import Foundation

/// How much an uploaded file may cost to read. Office files are ZIP archives whose declared sizes
/// cannot be trusted, so every limit is checked on the bytes actually inflated or scanned.
public struct UploadLimits: Sendable, Equatable {
    /// Inflated bytes of all the parts one read takes out of an archive, and the text a workbook's
    /// cells may hold in all (a shared string referenced by many cells counts each time).
    public var maxUncompressedBytes: Int
    /// Entries an archive may list.
    public var maxEntries: Int
    /// Inflated bytes per compressed byte, checked once a part has inflated past `ratioFloorBytes`.
    public var maxCompressionRatio: Int
    /// Small parts compress well (repetitive XML) and are not held to the ratio.
    public var ratioFloorBytes: Int
    /// Nesting depth of an XML part.
    public var maxXMLDepth: Int
    /// Bytes of one run of XML text between two tags.
    public var maxXMLTextBytes: Int
    /// Bytes of a plain-text or HTML report, before it is decoded.
    public var maxTextReportBytes: Int
    /// Cells a worksheet may hold.
    public var maxWorksheetCells: Int
    /// Lines (paragraphs) of a report: reading and checking costs memory by the line.
    public var maxReportLines: Int
    /// Bytes of a file read from disk by a command (uploads are bounded by the server's body limit).
    public var maxFileBytes: Int

    public init(maxUncompressedBytes: Int = 4 * 1_048_576, maxEntries: Int = 1_000, maxCompressionRatio: Int = 100,
                ratioFloorBytes: Int = 1_048_576, maxXMLDepth: Int = 256, maxXMLTextBytes: Int = 4 * 1_048_576,
                maxTextReportBytes: Int = 1_048_576, maxWorksheetCells: Int = 1_000_000,
                maxFileBytes: Int = 100 * 1_048_576, maxReportLines: Int = 6_000) {
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxEntries = maxEntries
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioFloorBytes = ratioFloorBytes
        self.maxXMLDepth = maxXMLDepth
        self.maxXMLTextBytes = maxXMLTextBytes
        self.maxTextReportBytes = maxTextReportBytes
        self.maxWorksheetCells = maxWorksheetCells
        self.maxFileBytes = maxFileBytes
        self.maxReportLines = maxReportLines
    }

    /// The defaults, measured to keep a server's memory within 100 MB of its idle level while it
    /// reads the largest legal files and bombs (Tests/system/test_hostile_input.py): a 300-page report
    /// (about 1 MB of text in a few thousand paragraphs) or a ledger of some ten thousand rows reads
    /// within them; the seed report is 62 KB in about 300 lines.
    public static let standard = UploadLimits()
}
