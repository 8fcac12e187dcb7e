import Foundation
import RectifyCore
@testable import RectifyServer
import Testing

/// Times on pages are Beijing time, written `yyyy-MM-dd HH:mm`, computed without a formatter.
@Suite struct PageFormattingTests {
    @Test(arguments: [0, 1_700_000_000, 1_719_676_799.9, 1_719_676_800, 1_735_660_799, 4_102_444_740, 951_782_400] as [Double])
    func timesMatchWhatAFormatterWrites(_ seconds: Double) {
        // Arrange
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = DateFormatter()
        formatter.timeZone = Day.chinaTimeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"

        // Act
        let text = ProblemPagesController.timeText(date)

        // Assert
        #expect(text == formatter.string(from: date))
    }

    @Test func aMissingTimeIsBlank() {
        #expect(ProblemPagesController.timeText(nil) == "")
    }
}
