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
//
// Usage: ReaderBenchmark --corpus <folder> [reports] [--threads N]
// Reads and checks `reports` reports (default 1000) taken in turn from the .txt, .html and .docx
// files of the folder, on N threads (default 2), and prints the wall time of the whole run.
let arguments = Array(CommandLine.arguments.dropFirst())
if let flag = arguments.firstIndex(of: "--corpus") {
    guard arguments.indices.contains(flag + 1) else {
        FileHandle.standardError.write(Data("用法：ReaderBenchmark --corpus <文件夹> [报告数] [--threads N]\n".utf8))
        exit(2)
    }
    let folder = URL(fileURLWithPath: arguments[flag + 1])
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".html") || $0.hasSuffix(".docx") }.sorted()
    let files = names.compactMap { name in (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, $0) } }
    guard !files.isEmpty else {
        FileHandle.standardError.write(Data("文件夹中没有报告：\(folder.path)\n".utf8))
        exit(1)
    }
    let threadsIndex = arguments.firstIndex(of: "--threads")
    let threads = threadsIndex.flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 2
    let count = arguments.enumerated().first { index, value in
        index != flag + 1 && index != threadsIndex.map({ $0 + 1 }) && Int(value) != nil
    }.flatMap { Int($0.element) } ?? 1000
    let reader = ReportReader()
    let checker = ReportChecker()
    let start = DispatchTime.now().uptimeNanoseconds
    let failures = ManagedAtomicCounter()
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
        // Reports worker, worker + threads, …: each thread takes every `threads`-th report.
        for index in stride(from: worker, to: count, by: threads) {
            let (name, data) = files[index % files.count]
            do {
                _ = checker.analyze(try reader.read(data: data, fileName: name))
            } catch {
                failures.increment()
            }
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
    print(String(format: "reports=%d files=%d threads=%d failures=%d wall=%.2f s (%.2f ms per report)",
                 count, files.count, threads, failures.value, seconds, seconds * 1000 / Double(count)))
    exit(0)
}
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

/// A counter several threads add to.
final class ManagedAtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
