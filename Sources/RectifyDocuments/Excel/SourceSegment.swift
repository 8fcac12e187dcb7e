import Foundation

/// One piece of a `SegmentedSource`: bytes in memory, or a file of known size.
enum SourceSegment {
    case data(Data)
    case file(URL, Int64)
}
