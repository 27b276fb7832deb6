import Glibc
import RollupBase
import RollupCore
import RollupReading

/// How the job asks glibc's allocator to behave in a long batch run.
public enum MemoryPolicy {
    /// Arrays of 128 KiB and more (read blocks, fingerprint tables as they grow, reject spools)
    /// are mapped and unmapped on their own, and freed heap is handed back above 128 KiB. glibc
    /// otherwise raises its mmap threshold after the first large free and keeps later large arrays
    /// in the heap, where they fragment it: at 4 million rows that cost 8 MB of peak memory.
    public static func apply() {
        // mallopt is declared in <malloc.h>, which the Glibc module leaves out: found by name.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        let mmapThreshold: Int32 = -3
        let trimThreshold: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
        _ = mallopt(mmapThreshold, 128 * 1024)
        _ = mallopt(trimThreshold, 128 * 1024)
    }
}
