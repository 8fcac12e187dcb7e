/// Where the holiday data in effect for a year comes from.
enum CalendarOrigin: String, Codable, Sendable {
    /// `cn-workdays.json`, shipped with the program.
    case bundled
    /// The operator's `RECTIFY_CALENDAR` file.
    case file
    /// A notice imported into the database.
    case imported

    var label: String {
        switch self {
        case .bundled: "内置数据"
        case .file: "RECTIFY_CALENDAR 文件"
        case .imported: "导入"
        }
    }
}
