import Foundation
import RectifyCore

/// What a deadline typed as text means.
enum LedgerDeadlineReading: Equatable {
    /// A plain date.
    case date(Day)
    /// Kept as written, with the day it implies when there is one.
    case note(Day?, String)
    case invalid
}
