import CFileSystem
import Foundation
import Glibc
import RollupBase
import RollupReading

/// What the file system says of an input file: equal identities mean the file was not written to
/// since (a write changes its change time, which no one can set back), provided the change time was
/// already well in the past when the file was hashed (`InputMemo`).
struct FileStatus: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int
    let modified: Int64
    let changed: Int64

    /// The status of `path` (links followed), or nil when it is not a regular file.
    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        self.init(st)
    }

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
        modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        changed = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
    }

    init(device: UInt64, inode: UInt64, size: Int, modified: Int64, changed: Int64) {
        (self.device, self.inode, self.size, self.modified, self.changed) = (device, inode, size, modified, changed)
    }

    /// Whether the file system of `path` keeps a change time no program can set back, on this
    /// machine's clock: the local Linux file systems (ext2/3/4, XFS, Btrfs, tmpfs, overlay, ZFS, F2FS).
    /// On FAT, exFAT, SMB, NFS and the like a file's status never stands for its bytes: it is hashed.
    static func changeTimeIsKept(_ path: String) -> Bool {
        var fs = statfs()
        guard statfs(path, &fs) == 0 else { return false }
        let local: Set<UInt64> = [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994, 0x794C_7630, 0x2FC1_2FC1, 0xF2F5_2010]
        return local.contains(UInt64(UInt32(truncatingIfNeeded: Int64(fs.f_type))))
    }

    /// Now on the system clock, in nanoseconds.
    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}

/// An input file's SHA-256 and the status it had when it was hashed.
struct InputIdentity: Hashable, Sendable {
    let sha256: String
    let status: FileStatus
    /// When hashing started (nanoseconds of the system clock).
    let observed: Int64

    /// How long before its hashing a file's last change must lie for its status to stand for its
    /// contents later: a write in the same clock tick as the hashing could otherwise leave the status
    /// unchanged (the "racy" case of git's index). Two seconds is many ticks of any file system clock.
    static let settled: Int64 = 2_000_000_000

    /// Whether `status`, seen now, says the file still holds the bytes hashed.
    func stands(for status: FileStatus) -> Bool {
        status == self.status && status.changed < observed - Self.settled
    }

    /// Hashes the regular file at `path` (at most `maxBytes`), or nil when it cannot be read or changed while hashed.
    static func hashing(path: String, maxBytes: Int) -> InputIdentity? {
        let observed = FileStatus.now()
        guard let before = FileStatus(path: path), before.size <= maxBytes,
            var source = try? FileByteSource(path: path, maxBytes: maxBytes)
        else { return nil }
        let hasher = SHA256Hasher()
        guard let total = try? hasher.update(readingAll: &source) else { return nil }
        guard let after = FileStatus(path: path), after == before, total == before.size else { return nil }
        return InputIdentity(sha256: hasher.finish(), status: before, observed: observed)
    }
}

/// The identities of the input files of the last run (`<cache>/inputs`): a file whose status is
/// unchanged and settled is not hashed again.
struct InputMemo: Sendable {
    private(set) var byPath: [String: InputIdentity] = [:]

    init() {}

    subscript(path: String) -> InputIdentity? {
        get { byPath[path] }
        set { byPath[path] = newValue }
    }

    func encode() -> CacheEncoder {
        var e = CacheEncoder()
        e.list(byPath.sorted { $0.key < $1.key }) { e, item in
            e.string(item.key)
            e.string(item.value.sha256)
            let s = item.value.status
            e.uint(s.device)
            e.uint(s.inode)
            e.int(s.size)
            e.int(Int(s.modified))
            e.int(Int(s.changed))
            e.int(Int(item.value.observed))
        }
        return e
    }

    init(decoding d: inout CacheDecoder) throws {
        for (path, identity) in try d.list({ d -> (String, InputIdentity) in
            let path = try d.string()
            let sha = try d.string()
            let status = FileStatus(
                device: try d.uint(), inode: try d.uint(), size: try d.count(), modified: Int64(try d.int()),
                changed: Int64(try d.int()))
            return (path, InputIdentity(sha256: sha, status: status, observed: Int64(try d.int())))
        }) { byPath[path] = identity }
        guard d.isAtEnd else { throw CacheDamage(reason: "bytes after the input list") }
    }
}
