import Foundation
import Glibc
import RollupReading

/// What tells this build of the job from any other, for the read cache's keys: the linker's build ID
/// of the running program (a hash of the whole linked file, read from its loaded notes at no cost),
/// or, when it has none, the SHA-256 of the file itself.
enum ExecutableIdentity {
    static let current: String? = buildID().map { "build-id:" + $0 } ?? fileSHA256().map { "sha256:" + $0 }

    /// The GNU build ID note of the running program's ELF file (`/proc/self/exe`), as hex: the
    /// program headers are read, then each note segment, a few kilobytes in all.
    static func buildID() -> String? {
        let fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        func read(_ offset: Int, _ count: Int) -> [UInt8]? {
            guard count >= 0, count <= 1 << 20 else { return nil }
            var bytes = [UInt8](repeating: 0, count: count)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
            return n == count ? bytes : nil
        }
        func int<T: FixedWidthInteger>(_ b: [UInt8], _ at: Int, _: T.Type) -> Int {
            b.withUnsafeBytes { Int(T(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: T.self))) }
        }
        // A 64-bit little-endian ELF file.
        guard let header = read(0, 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1 else {
            return nil
        }
        let (phoff, phentsize, phnum) = (
            int(header, 0x20, UInt64.self), int(header, 0x36, UInt16.self), int(header, 0x38, UInt16.self)
        )
        guard phentsize >= 56, let table = read(phoff, phentsize * phnum) else { return nil }
        for i in 0..<phnum where int(table, i * phentsize, UInt32.self) == 4 {  // PT_NOTE
            let offset = int(table, i * phentsize + 8, UInt64.self)
            let size = int(table, i * phentsize + 32, UInt64.self)
            guard let notes = read(offset, size) else { continue }
            var at = 0
            while at + 12 <= notes.count {
                let (nameSize, descSize) = (int(notes, at, UInt32.self), int(notes, at + 4, UInt32.self))
                let type = int(notes, at + 8, UInt32.self)
                let name = at + 12
                let desc = name + (nameSize + 3) & ~3
                guard desc + descSize <= notes.count else { break }
                // NT_GNU_BUILD_ID (3), owner "GNU".
                if type == 3, nameSize == 4, descSize >= 8, notes[name..<name + 4] == [0x47, 0x4E, 0x55, 0] {
                    return notes[desc..<desc + descSize].map { String(format: "%02x", $0) }.joined()
                }
                at = desc + (descSize + 3) & ~3
            }
        }
        return nil
    }

    /// The SHA-256 of the running program's file.
    static func fileSHA256() -> String? {
        guard var source = try? FileByteSource(path: "/proc/self/exe", maxBytes: 4 << 30) else { return nil }
        let hasher = SHA256Hasher()
        guard (try? hasher.update(readingAll: &source)) != nil else { return nil }
        return hasher.finish()
    }
}
