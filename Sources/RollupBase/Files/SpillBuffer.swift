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
    /// place from `base` through the descriptor opened when the file was checked, never written or
    /// removed; the file may be removed or replaced by name meanwhile without changing what is read.
    private var adopted: OpenFile?
    private var base = 0
    /// The spool file kept open for `copy(from:into:)` until `endReads`.
    private var readFD: Int32 = -1

    public init(spillBytes: Int, spoolFolder: String? = nil) {
        self.spillBytes = spillBytes
        self.spoolFolder = spoolFolder
    }

    /// A complete, read-only buffer of `length` bytes at `offset` of `file`, which must hold them
    /// (a file cut short under it stops the process rather than be read short).
    public init(adopting file: OpenFile, offset: Int, length: Int) {
        spillBytes = 0
        spoolFolder = nil
        spoolPath = file.path
        spilled = length
        base = offset
        adopted = file
    }

    deinit {
        endReads()
        if let spoolPath, adopted == nil { unlink(spoolPath) }
    }

    public var byteCount: Int { spilled + pending.count }

    /// Bytes held in memory (not yet in the spool file, or kept there because it could not be written).
    public var bytesInMemory: Int { pending.count }

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
        endReads()
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

    /// Copies `into.count` bytes from `offset` (random access, for a record now and then): from the
    /// spool file, which stays open until `endReads`, then from memory. The bytes may lie across the
    /// spool file's end: a buffer appended in pieces that are not whole records (a read cache entry
    /// copied out) and whose spool stopped taking bytes part-way (disk full) keeps the rest in memory.
    public func copy(from offset: Int, into: UnsafeMutableRawBufferPointer) {
        precondition(offset >= 0 && offset + into.count <= byteCount)
        let fromFile = Swift.max(0, Swift.min(into.count, spilled - offset))
        if fromFile < into.count {
            let at = offset + fromFile - spilled
            pending.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: into[fromFile...]).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: $0[at..<(at + into.count - fromFile)]))
            }
        }
        guard fromFile > 0 else { return }
        guard let spoolPath else { SpoolFolder.fail("read", "(no spool file)") }
        // An adopted buffer reads through the descriptor its file was checked with.
        if adopted == nil, readFD < 0 {
            readFD = open(spoolPath, O_RDONLY | O_CLOEXEC)
            guard readFD >= 0 else { SpoolFolder.fail("open", spoolPath) }
        }
        let fd = adopted?.fd ?? readFD
        var done = 0
        while done < fromFile {
            let n = pread(fd, into.baseAddress! + done, fromFile - done, off_t(base + offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { SpoolFolder.fail("read", spoolPath) }
            done += n
        }
    }

    /// Closes the spool file `copy(from:into:)` keeps open.
    public func endReads() {
        if readFD >= 0 { close(readFD) }
        readFD = -1
    }

    /// Reads bytes `range` in blocks, from the spool file and then from memory.
    public func forEachBlock(in range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Void) {
        var at = range.lowerBound
        if at < spilled, let spoolPath {
            let fd = adopted?.fd ?? open(spoolPath, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { SpoolFolder.fail("open", spoolPath) }
            defer { if adopted == nil { close(fd) } }
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

/// A file open for reading, closed when its last holder lets go: bytes read through it are those of
/// the file opened, whatever is later removed, renamed or written under its name.
public final class OpenFile: Sendable {
    public let fd: Int32
    /// The name it was opened by, for messages.
    public let path: String

    /// Takes `fd`, open for reading, as this file's: it is closed with the last holder.
    public init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }
}
