#if canImport(Glibc)
import Glibc
#endif

/// Hands memory freed by heavy work back to the system. glibc keeps what a thread freed in that
/// thread's arena, so reads on the blocking pool's threads would each keep their high-water mark
/// and the server's resident memory would grow by the sum of them. `malloc_trim` is looked up at run
/// time (Swift's Glibc module does not declare it); elsewhere this does nothing.
enum MemoryTrim {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    static func releaseFreedMemory() {
        _ = trim?(0)
    }
}
