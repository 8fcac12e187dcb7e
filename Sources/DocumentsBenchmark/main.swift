import Foundation
import RectifyCore
import RectifyDocuments

// Benchmarks: (a) a seed-sized public report written N times; (b) a 300,000-row ledger
// streamed to a temporary file, with its peak resident memory.

func milliseconds(_ start: DispatchTime, _ end: DispatchTime) -> Double {
    Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
}

/// VmHWM (peak resident set) from /proc/self/status, in MiB; nil where /proc is missing.
func peakResidentMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.split(separator: " ").compactMap { Int($0) }.first
        return digits.map { Double($0) / 1024 }
    }
    return nil
}

let sentence = "组织相关科室开展专项检查，逐项对照整改要求建立工作台账，明确责任人和完成时限，并已督促相关单位完成问题整改，形成长效管理机制。"

func seedSizedReport() -> PublicReportContent {
    // 30 inspection problems plus 2 + 2 from the other sources; 120 measures in all: the
    // first 18 problems have four measures, the other 16 three.
    var problemIndex = 0
    func problems(_ count: Int, prefix: String) -> [PublicReportProblem] {
        (1...count).map { number in
            problemIndex += 1
            let measures = (0..<(problemIndex <= 18 ? 4 : 3)).map { index -> String in
                "2024年\(index + 1)月，\(sentence)\(sentence)"
            }
            return PublicReportProblem(title: "\(prefix)问题\(number)落实不到位", measures: measures)
        }
    }
    let feedback = problems(30, prefix: "巡察反馈")
    let assigned = problems(2, prefix: "交办事项")
    let selfFound = problems(2, prefix: "自查")
    let organisation = ["党组履行巡察整改主体责任情况", "党组书记履行巡察整改第一责任人责任情况"].map {
        PublicReportSubsection(heading: $0, paragraphs: Array(repeating: sentence + sentence + sentence, count: 4))
    }
    return PublicReportContent(
        title: "中共某市城市管理局党组关于巡察整改进展情况的通报",
        opening: [sentence], organisation: organisation, summaryDate: Day(year: 2024, month: 4, day: 30),
        figures: [PublicReportFigure(subject: "巡察反馈的四类12方面30个具体问题", completed: 30, completionRate: "100%")],
        sources: [
            PublicReportSource(heading: "巡察反馈问题整改进展情况", groups: [PublicReportGroup(label: "已完成整改的具体问题", statedCount: 30, problems: feedback)]),
            PublicReportSource(heading: "市委书记专题会交办事项整改进展情况", statedCount: 2, groups: [PublicReportGroup(problems: assigned)]),
            PublicReportSource(heading: "举一反三、自查自纠具体问题整改进展情况", statedCount: 2, groups: [PublicReportGroup(problems: selfFound)]),
        ],
        nextSteps: Array(repeating: sentence, count: 3),
        contacts: PublicReportContacts(telephone: "0797-0000000", email: "xczg@example.cn"),
        issuer: "中共某市城市管理局党组", date: Day(year: 2024, month: 8, day: 20)!)
}

// `DocumentsBench samples DIR` writes sample files for a manual check in an office suite.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "samples" {
    let directory = URL(fileURLWithPath: CommandLine.arguments[2])
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try DocxWriter.write(seedSizedReport().makeDocument()).write(to: directory.appendingPathComponent("report.docx"))
    let lists = ListsContent(title: "巡察反馈意见整改“三张清单”", problems: (1...6).map { number in
        ListsProblem(category: "落实全面从严治党战略部署方面", aspect: "监督管理", title: "问题\(number)：\(sentence)", measures: (1...3).map { index in
            ListsMeasure(text: "措施\(index)：\(sentence)", target: "按期完成", leader: "李某", leadUnit: "办公室",
                         supportingUnits: ["财务科"], deadline: Day(year: 2024, month: 6, day: 30))
        })
    }, issuer: "中共某市城市管理局党组", date: Day(year: 2024, month: 1, day: 5)!)
    try DocxWriter.write(lists.makeDocument()).write(to: directory.appendingPathComponent("lists.docx"))
    let writer = try LedgerWorkbookWriter(url: directory.appendingPathComponent("ledger.xlsx"))
    for number in 1...5 {
        try writer.append(problem: LedgerProblem(sequence: String(number), source: "巡察反馈问题", category: "党的建设方面", title: "问题\(number)"),
                          measures: (1...(number % 3 + 1)).map { index in
                              LedgerMeasure(text: "措施\(number)-\(index)", leader: "李某", leadUnit: "办公室",
                                            deadline: Day(year: 2024, month: 3, day: 31)!.adding(days: number * 10 + index), completion: "已完成")
                          })
    }
    try writer.finish()
    print("samples written to \(directory.path)")
    exit(0)
}

let runs = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 50
let ledgerRows = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 300_000

let report = seedSizedReport()
let measures = report.sources.flatMap(\.groups).flatMap(\.problems).reduce(0) { $0 + $1.measures.count }
let problems = report.sources.flatMap(\.groups).flatMap(\.problems).count
var timings: [Double] = []
var size = 0
for _ in 0..<runs {
    let start = DispatchTime.now()
    let data = try DocxWriter.write(report.makeDocument())
    timings.append(milliseconds(start, DispatchTime.now()))
    size = data.count
}
timings.sort()
let median = timings[timings.count / 2]
print(String(format: "public report: %d problems, %d measures, %d bytes; median %.2f ms, min %.2f ms, max %.2f ms over %d runs",
             problems, measures, size, median, timings.first ?? 0, timings.last ?? 0, runs))
if let peak = peakResidentMiB() { print(String(format: "peak RSS after report runs: %.1f MiB", peak)) }

let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-bench-\(UUID().uuidString).xlsx")
let start = DispatchTime.now()
let writer = try LedgerWorkbookWriter(url: url)
var written = 0
var problemNumber = 0
let units = ["办公室", "市政设施科", "数字化城管中心", "园林绿化科", "执法支队"]
while written < ledgerRows {
    problemNumber += 1
    let count = min(ledgerRows - written, problemNumber % 4 + 1)
    let problem = LedgerProblem(sequence: String(problemNumber), source: "巡察反馈问题", category: "落实全面从严治党战略部署方面",
                                title: "问题\(problemNumber)：\(sentence)")
    let rowMeasures = (0..<count).map { index in
        LedgerMeasure(text: "措施\(problemNumber)-\(index + 1)：\(sentence)", leader: "李某", leadUnit: units[(problemNumber + index) % 5],
                      supportingUnits: "各区城管局", deadline: Day(year: 2024, month: 1, day: 1)!.adding(days: problemNumber % 365),
                      completion: "已完成", evidence: "会议纪要、文件")
    }
    try writer.append(problem: problem, measures: rowMeasures)
    written += count
}
try writer.finish()
let seconds = milliseconds(start, DispatchTime.now()) / 1000
let fileSize = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
print(String(format: "ledger: %d rows (%d problems) in %.2f s, file %.1f MiB", written, problemNumber, seconds, Double(fileSize) / 1_048_576))
if let peak = peakResidentMiB() { print(String(format: "peak RSS (VmHWM) after ledger: %.1f MiB", peak)) }
try? FileManager.default.removeItem(at: url)
