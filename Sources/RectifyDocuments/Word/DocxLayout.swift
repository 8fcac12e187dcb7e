import Foundation

/// GB/T 9704-2012 page and type measures in Word's units (twips = 1/20 pt = 1/1440 inch;
/// 1 mm ≈ 56.7 twips; font sizes in half-points).
public enum DocxLayout {
    /// A4 portrait, 210 × 297 mm.
    public static let pageWidth = 11906
    public static let pageHeight = 16838
    /// 天头 37 mm.
    public static let marginTop = 2098
    /// 订口 28 mm.
    public static let marginLeft = 1588
    /// 35 mm, leaving a 225 mm text area height.
    public static let marginBottom = 1984
    /// 26 mm, leaving a 156 mm text area width.
    public static let marginRight = 1474
    /// Fixed line pitch of 29 pt: 22 lines fill the 225 mm (637.8 pt) text area.
    public static let lineSpacing = 580
    /// The document grid's line pitch (28.95 pt); the grid is a line grid only, since
    /// renderers disagree on character grids.
    public static let gridLinePitch = 579
    /// Character spacing in twentieths of a point: −0.25 pt narrows each 16 pt character to
    /// 15.75 pt, so 28 characters (441 pt) fit the 156 mm (442.2 pt) line, as the standard's
    /// 28-character line requires; 16 pt characters alone would give 27.
    public static let characterSpacing = -5
    /// 3号 = 16 pt.
    public static let bodySize = 32
    /// 2号 = 22 pt.
    public static let titleSize = 44
    /// 4号 = 14 pt.
    public static let footerSize = 28
    /// Table text: 4号, so that wide ledgers fit a landscape page.
    public static let tableSize = 28
    /// One character of body text (16 pt).
    public static let bodyCharacter = 320
    /// One character of page-number text (14 pt).
    public static let footerCharacter = 280
    /// 7 mm, the gap between the text area and the page number's dashes.
    public static let pageNumberGap = 397
    /// The footer paragraph's exact line height: one 4号 line (14 pt).
    public static let footerLineHeight = 280
    /// Word measures the footer distance from the page's bottom edge to the bottom of the
    /// footer's last line. The number's line must start 7 mm below the text area, which ends
    /// 35 mm (1984) above the edge; its line is 14 pt (280) tall, so its bottom lies
    /// 1984 − 397 − 280 = 1307 twips (≈ 23 mm) above the edge.
    public static let footerDistance = marginBottom - pageNumberGap - footerLineHeight
    public static let headerDistance = 851
    /// Text width of a portrait page: 210 − 28 − 26 = 156 mm.
    public static let portraitTextWidth = pageWidth - marginLeft - marginRight
    /// In a landscape section the page is A4 turned; the margins turn with it so the text
    /// area stays 225 × 156 mm and the binding edge (28 mm) is at the top.
    public static let landscapeMarginTop = marginLeft
    public static let landscapeMarginBottom = marginRight
    public static let landscapeMarginLeft = marginTop
    public static let landscapeMarginRight = marginBottom
    public static let landscapeTextWidth = pageHeight - landscapeMarginLeft - landscapeMarginRight

    public static let fontFangSong = "仿宋_GB2312"
    public static let fontHei = "黑体"
    public static let fontKai = "楷体_GB2312"
    public static let fontTitle = "方正小标宋简体"
    public static let fontSong = "宋体"
    public static let fontLatin = "Times New Roman"
}
