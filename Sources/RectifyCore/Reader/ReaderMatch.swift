import Foundation

/// A regex match in a block, whose pattern may have run on a window cut out of the block (a
/// regex call on Linux copies all the text it is given, so a pattern that can only match around a
/// known character is run on short windows there); ranges are the block's.
struct ReaderMatch {
    let result: NSTextCheckingResult
    /// Where the searched window starts in the block.
    let offset: Int

    init(_ result: NSTextCheckingResult, offset: Int = 0) {
        self.result = result
        self.offset = offset
    }

    var range: NSRange { range(at: 0) }
    var numberOfRanges: Int { result.numberOfRanges }

    func range(at index: Int) -> NSRange {
        let range = result.range(at: index)
        return range.location == NSNotFound ? range : NSRange(location: range.location + offset, length: range.length)
    }

    /// The normalized text of capture group `index`, or nil when the group did not take part.
    func group(_ index: Int, in block: ReportTextBlock) -> String? {
        guard index < numberOfRanges else { return nil }
        let range = self.range(at: index)
        guard range.location != NSNotFound else { return nil }
        return block.string(range)
    }
}
