import Foundation
import Glibc

/// Bytes appended in order and read back in order, kept on disk beyond `spillBytes`: memory holds
/// at most that much not yet written. The spool file lives in the process's private temporary
/// folder (`SpoolFolder`) and is removed with the buffer; when the folder cannot be written the
/// bytes stay in memory, never lost.
///
/// Not `Sendable`: a buffer is never shared on its own. It is always a private stored part of one
/// owner (`RejectLog`, `RowRecordLog`), whose conformance states when and how the owner, and the
/// buffer with it, passes from one thread to another; the compiler refuses any other hand-off.
public final class SpillBuffer {
    let spillBytes: Int
    /// Bytes not yet in the spool file.
    private var pending: [UInt8] = []
    /// Bytes already in the spool file.
    private var spilled = 0
    private var spoolPath: String?
    /// The spool could not be written: bytes stay in memory from then on.
    private var spillFailed = false
    /// Where spool files go when not the process's own temporary folder (tests).
    private let spoolFolder: String?
    /// Bytes that lie in a file someone else keeps (a read cache entry, `init(adopting:)`): read in
    /// place from `base`, only while the file is the one adopted (device and inode), never written or removed.
    private var adopted: (device: UInt64, inode: UInt64)?
    private var base = 0

    public init(spillBytes: Int, spoolFolder: String? = nil) {
        self.spillBytes = spillBytes
        self.spoolFolder = spoolFolder
    }

    /// A complete, read-only buffer of `length` bytes at `offset` of the file at `path`, which must
    /// stay the file of `device` and `inode` (checked at every read: another file there stops the
    /// process rather than be read as this one).
    public init(adopting path: String, offset: Int, length: Int, device: UInt64, inode: UInt64) {
        spillBytes = 0
        spoolFolder = nil
        spoolPath = path
        spilled = length
        base = offset
        adopted = (device, inode)
    }

    deinit {
        if let spoolPath, adopted == nil { unlink(spoolPath) }
    }

    public var byteCount: Int { spilled + pending.count }

    /// Appends what `write` adds to the pending bytes; spills once they reach `spillBytes`.
    public func append(_ write: (inout [UInt8]) -> Void) {
        precondition(adopted == nil, "an adopted buffer is read-only")
        write(&pending)
        if pending.count >= spillBytes { spill() }
    }

    /// Writes what is pending and gives its memory back: the buffer is complete and waits to be read.
    public func seal() {
        spill()
        if spoolPath != nil && !spillFailed { pending = [] }
    }

    public func removeAll() {
        pending = []
        spilled = 0
        if let spoolPath, adopted == nil { unlink(spoolPath) }
        spoolPath = nil
        adopted = nil
        base = 0
    }

    /// Writes the pending bytes to the spool file. When the temporary folder cannot take them
    /// (disk full, folder gone) they stay in memory and the buffer stops spilling.
    private func spill() {
        guard !pending.isEmpty, !spillFailed else { return }
        guard let path = spoolPath ?? SpoolFolder.newFile(in: spoolFolder) else {
            spillFailed = true
            return
        }
        spoolPath = path
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else {
            spillFailed = true
            return
        }
        defer { close(fd) }
        var offset = 0
        while offset < pending.count {
            let n = pending.withUnsafeBytes { write(fd, $0.baseAddress! + offset, pending.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                // Whatever part was written is cut off again, so the file holds whole entries only.
                _ = ftruncate(fd, off_t(spilled))
                spillFailed = true
                return
            }
            offset += n
        }
        spilled += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    /// Reads bytes `range` in blocks, from the spool file and then from memory.
    public func forEachBlock(in range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Void) {
        var at = range.lowerBound
        if at < spilled, let spoolPath {
            let fd = open(spoolPath, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { SpoolFolder.fail("open", spoolPath) }
            defer { close(fd) }
            if let adopted {
                var st = stat()
                guard fstat(fd, &st) == 0, UInt64(st.st_dev) == adopted.device, UInt64(st.st_ino) == adopted.inode,
                    Int(st.st_size) >= base + spilled
                else { SpoolFolder.fail("read (the file was replaced)", spoolPath) }
            }
            let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 8)
            defer { block.deallocate() }
            while at < Swift.min(range.upperBound, spilled) {
                let want = Swift.min(block.count, Swift.min(range.upperBound, spilled) - at)
                let n = pread(fd, block.baseAddress, want, off_t(base + at))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { SpoolFolder.fail("read", spoolPath) }
                body(UnsafeRawBufferPointer(rebasing: block[0..<n]))
                at += n
            }
        }
        if at < range.upperBound {
            pending.withUnsafeBytes {
                body(UnsafeRawBufferPointer(rebasing: $0[(at - spilled)..<(range.upperBound - spilled)]))
            }
        }
    }
}
