import Foundation

/// An attachment: named in the 附件 note under the body and, when it has content, printed on
/// its own page headed "附件N" (3号黑体, top left).
public struct DocumentAttachment: Sendable, Equatable {
    public var name: String
    public var blocks: [DocumentBlock]

    public init(name: String, blocks: [DocumentBlock] = []) {
        self.name = name
        self.blocks = blocks
    }
}
