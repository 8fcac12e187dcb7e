import Foundation
import RectifyCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Usage: ReaderBenchmark <report file> [iterations] [--table|--json]
// Reads and checks the report `iterations` times (default 200) after a warm-up and prints
// the median and 90th percentile wall time and the peak resident memory.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first(where: { !$0.hasPrefix("--") }) else {
    FileHandle.standardError.write(Data("用法：ReaderBenchmark <报告文件> [次数] [--table|--json]\n".utf8))
    exit(2)
}
let iterations = arguments.dropFirst().compactMap { Int($0) }.first ?? 200
let url = URL(fileURLWithPath: path)
let data: Data
do {
    data = try Data(contentsOf: url)
} catch {
    FileHandle.standardError.write(Data("无法读取 \(path)：\(error)\n".utf8))
    exit(1)
}
let reader = ReportReader()
let checker = ReportChecker()

/// User plus system CPU time of this process so far, in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1_000_000
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1_000_000
    return user + system
}

func runOnce() throws -> (ReadReport, [ReportFinding]) {
    let report = try reader.read(data: data, fileName: url.lastPathComponent)
    return (report, checker.check(report))
}

do {
    let (report, findings) = try runOnce()
    if arguments.contains("--table") { print(ReportRenderer.table(report, findings: findings)) }
    if arguments.contains("--json") { print(try ReportRenderer.json(report, findings: findings)) }
    for _ in 0..<5 { _ = try runOnce() }
    var times: [Double] = []
    times.reserveCapacity(iterations)
    let cpuBefore = cpuSeconds()
    for _ in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try runOnce()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    // CPU time per run as well: on a shared machine wall time also counts waiting for a core.
    let cpuPerRun = (cpuSeconds() - cpuBefore) / Double(iterations) * 1000
    times.sort()
    let median = times[times.count / 2]
    let p90 = times[min(times.count - 1, Int(Double(times.count) * 0.9))]
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let peakMB = Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    let peakMB = Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
    #endif
    // ru_maxrss survives exec, so under `swift run` it also counts SwiftPM's own peak; the
    // kernel's VmHWM starts afresh at exec and measures this program alone.
    var processPeak = ""
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) {
        processPeak = String(format: " VmHWM=%.1f MB", kilobytes / 1024)
    }
    print("problems=\(report.problems.count) measures=\(report.measureCount) findings=\(findings.count)")
    print(String(format: "iterations=%d median=%.2f ms p90=%.2f ms cpu/run=%.2f ms peakRSS(ru_maxrss)=%.1f MB",
                  iterations, median, p90, cpuPerRun, peakMB)
        + processPeak)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
