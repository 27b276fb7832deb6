import CZlib
import Foundation
import RollupBase

/// Why a zip cannot be read: its structure, or one part's data. The reason is English; the caller
/// turns it into a refusal of the whole workbook.
struct ZipDamage: Error, CustomStringConvertible {
    let reason: String
    init(_ reason: String) { self.reason = reason }
    var description: String { reason }
}

/// A part that unpacks to more than the caller allows (counted as the bytes come, whatever the zip
/// claims), or (`whole`) the parts read so far together unpack to more than the zip may.
struct ZipTooLarge: Error {
    var whole = false
}

/// One part of a zip, as its central directory describes it.
struct ZipEntry {
    enum Kind { case file, directory, symlink }

    let name: String
    let kind: Kind
    let flags: UInt16
    let method: UInt16
    let crc32: UInt32
    let compressedSize: UInt64
    let uncompressedSize: UInt64
    let localHeaderOffset: UInt64
    /// Where its data begins, after its local header (set once the local headers are checked).
    var dataStart: UInt64 = 0
}

/// A zip read through one open descriptor, every read bounded by the zip's own structure: the
/// central directory (classic or ZIP64) gives each part's place, sizes and CRC-32, and a part is
/// read only from its own bytes, inflated by zlib until its end mark, then checked against its
/// size and CRC-32. A deflate stream that runs past its part, a size or CRC that does not match, an
/// encrypted part or a method other than stored or deflate is damage, never an endless read. Parts
/// may not overlap (a small file whose thousand entries all name one large part would otherwise
/// unpack a thousand times), each local header must name its part as the directory does, and the
/// parts read from one zip together unpack to at most `maxTotalBytes`.
///
/// Written for the workbook reader instead of ZIPFoundation 0.9.20, whose Linux inflate loop spins
/// forever on a deflate stream cut short (weichsel/ZIPFoundation#389, open) and whose streaming
/// extract does not check the CRC-32: both found by the workbook fuzz target.
final class ZipFile {
    let entries: [ZipEntry]
    private let fd: Int32
    private let directoryStart: UInt64
    private let maxTotalBytes: UInt64
    private var unpacked: UInt64 = 0

    /// Opens `path` (a regular file of at most `maxFileBytes`) and reads its central directory and
    /// local headers; refuses more than `maxEntries` parts.
    init(path: String, maxFileBytes: Int, maxEntries: Int, maxTotalBytes: Int) throws {
        self.maxTotalBytes = UInt64(maxTotalBytes)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ZipDamage("the file cannot be opened (\(String(cString: strerror(errno))))") }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw ZipDamage("not a regular file")
        }
        guard st.st_size <= maxFileBytes else {
            close(fd)
            throw ZipDamage("the file is larger than \(maxFileBytes) bytes")
        }
        do {
            let end = try Self.endRecord(fd: fd, fileSize: UInt64(st.st_size))
            guard end.count <= UInt64(maxEntries) else {
                throw ZipDamage("it holds \(end.count) parts, more than \(maxEntries)")
            }
            directoryStart = end.offset
            entries = try Self.located(Self.directory(fd: fd, end: end), fd: fd, directoryStart: end.offset)
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// Calls `body` with the part's bytes as they unpack, in chunks of at most 64 KiB; throws
    /// `ZipTooLarge` past `maxBytes` (or past the zip's total), `ZipDamage` when the part does not
    /// unpack to exactly its size and CRC-32, and whatever `body` throws.
    func read(_ entry: ZipEntry, maxBytes: Int, _ body: (Data) throws -> Void) throws {
        guard entry.flags & 1 == 0 else { throw ZipDamage("the part is encrypted") }
        guard entry.uncompressedSize <= UInt64(maxBytes) else { throw ZipTooLarge() }
        guard unpacked <= maxTotalBytes, entry.uncompressedSize <= maxTotalBytes - unpacked else {
            throw ZipTooLarge(whole: true)
        }
        // Counted before the bytes come, by what the zip declares: a part cannot unpack to more.
        unpacked += entry.uncompressedSize
        var reader = PartReader(fd: fd, offset: entry.dataStart, remaining: entry.compressedSize)
        var check = PartCheck(declared: entry.uncompressedSize)
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ZipDamage("a stored part whose two sizes differ")
            }
            while let chunk = try reader.next() {
                try check.add(chunk)
                try body(chunk)
            }
        case 8:
            try Inflater.inflate(&reader) { chunk in
                try check.add(chunk)
                try body(chunk)
            }
        default:
            throw ZipDamage("compression method \(entry.method) (only stored and deflate are read)")
        }
        guard check.count == entry.uncompressedSize else {
            throw ZipDamage("it unpacks to \(check.count) bytes where the zip says \(entry.uncompressedSize)")
        }
        guard check.crc == entry.crc32 else { throw ZipDamage("its CRC-32 does not match: the data is damaged") }
    }

    /// Each entry with where its data begins: after its local header, which must be where the
    /// central directory says and name the same part; the data must end before the central
    /// directory begins, and no two parts may share bytes.
    private static func located(_ entries: [ZipEntry], fd: Int32, directoryStart: UInt64) throws -> [ZipEntry] {
        var located = entries
        for i in located.indices {
            let entry = located[i]
            guard entry.localHeaderOffset <= directoryStart else {
                throw ZipDamage("\(entry.name) lies outside the zip")
            }
            let header = try bytes(fd: fd, at: entry.localHeaderOffset, count: 30)
            guard header.u32(0) == 0x0403_4b50 else { throw ZipDamage("the local header of \(entry.name) is missing") }
            let name = try bytes(fd: fd, at: entry.localHeaderOffset + 30, count: Int(header.u16(26)))
            guard String(decoding: name, as: UTF8.self) == entry.name else {
                throw ZipDamage("the local header of \(entry.name) names another part")
            }
            let start = entry.localHeaderOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
            let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
            guard !overflow, end <= directoryStart else {
                throw ZipDamage("the data of \(entry.name) runs past its place")
            }
            located[i].dataStart = start
        }
        let byPlace = located.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (a, b) in zip(byPlace, byPlace.dropFirst()) where a.dataStart + a.compressedSize > b.localHeaderOffset {
            throw ZipDamage("the parts \(a.name) and \(b.name) share bytes")
        }
        return located
    }

    // MARK: The central directory

    private struct EndRecord {
        var count: UInt64
        var size: UInt64
        var offset: UInt64
    }

    /// The end of central directory record (the last one whose comment fits the file), and its
    /// ZIP64 form when the file has one.
    private static func endRecord(fd: Int32, fileSize: UInt64) throws -> EndRecord {
        let tailCount = Int(min(fileSize, 22 + 0xFFFF))
        let tailStart = fileSize - UInt64(tailCount)
        let tail = try bytes(fd: fd, at: tailStart, count: tailCount)
        var at = tailCount - 22
        while at >= 0, !(tail.u32(at) == 0x0605_4b50 && at + 22 + Int(tail.u16(at + 20)) <= tailCount) { at -= 1 }
        guard at >= 0 else { throw ZipDamage("it has no zip directory (not a zip, or cut short)") }
        guard tail.u16(at + 4) == 0, tail.u16(at + 6) == 0, tail.u16(at + 8) == tail.u16(at + 10) else {
            throw ZipDamage("it is split across several disks")
        }
        var end = EndRecord(
            count: UInt64(tail.u16(at + 10)), size: UInt64(tail.u32(at + 12)), offset: UInt64(tail.u32(at + 16)))
        let recordAt = tailStart + UInt64(at)
        if recordAt >= 20, let locator = try? bytes(fd: fd, at: recordAt - 20, count: 20), locator.u32(0) == 0x0706_4b50
        {
            let zip64At = locator.u64(8)
            guard zip64At <= recordAt &- 56, recordAt >= 56 else {
                throw ZipDamage("its ZIP64 directory is out of place")
            }
            let zip64 = try bytes(fd: fd, at: zip64At, count: 56)
            guard zip64.u32(0) == 0x0606_4b50, zip64.u32(16) == 0, zip64.u32(20) == 0, zip64.u64(24) == zip64.u64(32)
            else { throw ZipDamage("its ZIP64 directory is damaged or split across disks") }
            end = EndRecord(count: zip64.u64(32), size: zip64.u64(40), offset: zip64.u64(48))
        }
        let (directoryEnd, overflow) = end.offset.addingReportingOverflow(end.size)
        guard !overflow, directoryEnd <= recordAt else { throw ZipDamage("its directory lies outside the file") }
        return end
    }

    private static func directory(fd: Int32, end: EndRecord) throws -> [ZipEntry] {
        var entries: [ZipEntry] = []
        var at = end.offset
        let limit = end.offset + end.size
        var names = Set<String>()
        for _ in 0..<end.count {
            guard at + 46 <= limit else { throw ZipDamage("its directory is cut short") }
            let fixed = try bytes(fd: fd, at: at, count: 46)
            guard fixed.u32(0) == 0x0201_4b50 else { throw ZipDamage("its directory is damaged") }
            let (nameCount, extraCount, commentCount) = (Int(fixed.u16(28)), Int(fixed.u16(30)), Int(fixed.u16(32)))
            let variable = UInt64(nameCount + extraCount + commentCount)
            guard at + 46 + variable <= limit else { throw ZipDamage("its directory is cut short") }
            let nameBytes = try bytes(fd: fd, at: at + 46, count: nameCount)
            let extra = try bytes(fd: fd, at: at + 46 + UInt64(nameCount), count: extraCount)
            at += 46 + variable
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard !nameBytes.contains(0), names.insert(name).inserted else {
                throw ZipDamage("it has two parts named \(name), or a name with a NUL byte")
            }
            var sizes = (
                uncompressed: UInt64(fixed.u32(24)), compressed: UInt64(fixed.u32(20)), offset: UInt64(fixed.u32(42))
            )
            try zip64Sizes(extra, &sizes)
            let unixMode = fixed.u16(4) >> 8 == 3 ? UInt32(fixed.u32(38) >> 16) & UInt32(S_IFMT) : 0
            let kind: ZipEntry.Kind =
                name.hasSuffix("/") ? .directory : unixMode == UInt32(S_IFLNK) ? .symlink : .file
            entries.append(
                ZipEntry(
                    name: name, kind: kind, flags: fixed.u16(8), method: fixed.u16(10), crc32: fixed.u32(16),
                    compressedSize: sizes.compressed, uncompressedSize: sizes.uncompressed,
                    localHeaderOffset: sizes.offset))
        }
        return entries
    }

    /// The ZIP64 extra field (id 1) replaces, in this order, each of the sizes and the offset that
    /// the directory left at 0xFFFFFFFF.
    private static func zip64Sizes(
        _ extra: [UInt8], _ sizes: inout (uncompressed: UInt64, compressed: UInt64, offset: UInt64)
    ) throws {
        let saturated: UInt64 = 0xFFFF_FFFF
        guard sizes.uncompressed == saturated || sizes.compressed == saturated || sizes.offset == saturated else {
            return
        }
        var at = 0
        while at + 4 <= extra.count {
            let (id, count) = (extra.u16(at), Int(extra.u16(at + 2)))
            guard at + 4 + count <= extra.count else { break }
            if id == 1 {
                var field = at + 4
                func next() throws -> UInt64 {
                    guard field + 8 <= at + 4 + count else { throw ZipDamage("its ZIP64 sizes are cut short") }
                    defer { field += 8 }
                    return extra.u64(field)
                }
                if sizes.uncompressed == saturated { sizes.uncompressed = try next() }
                if sizes.compressed == saturated { sizes.compressed = try next() }
                if sizes.offset == saturated { sizes.offset = try next() }
                return
            }
            at += 4 + count
        }
        throw ZipDamage("a part's sizes are marked ZIP64 but it has no ZIP64 field")
    }

    /// Exactly `count` bytes at `offset`, or damage when the file ends first.
    static func bytes(fd: Int32, at offset: UInt64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset <= UInt64(Int64.max) else { throw ZipDamage("an offset past the end of the file") }
        var result = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = result.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { throw ZipDamage("the file ends where the zip says there is more") }
            done += got
        }
        return result
    }
}

/// Reads one part's compressed bytes in chunks, never past its end.
private struct PartReader {
    let fd: Int32
    var offset: UInt64
    var remaining: UInt64

    /// The next chunk (at most 64 KiB), or nil when the part's bytes are all read.
    mutating func next() throws -> Data? {
        guard remaining > 0 else { return nil }
        let count = Int(min(remaining, 64 * 1024))
        let chunk = try ZipFile.bytes(fd: fd, at: offset, count: count)
        offset += UInt64(count)
        remaining -= UInt64(count)
        return Data(chunk)
    }
}

/// Counts and checksums a part's unpacked bytes, refusing any past the size the zip declares.
private struct PartCheck {
    let declared: UInt64
    var count: UInt64 = 0
    var crc: UInt32 = 0

    mutating func add(_ chunk: Data) throws {
        count += UInt64(chunk.count)
        guard count <= declared else {
            throw ZipDamage("it unpacks to more than the \(declared) bytes the zip says")
        }
        crc = chunk.withUnsafeBytes { buffer in
            UInt32(CZlib.crc32(uLong(crc), buffer.bindMemory(to: Bytef.self).baseAddress, uInt(buffer.count)))
        }
    }
}

/// Raw deflate (RFC 1951) through zlib, fed only the part's own bytes: the stream must reach its end
/// mark before they run out. Every turn of the loop consumes input, produces output (never more
/// than the part declares: `PartCheck`) or reads the next chunk of a finite part, so it always ends.
private enum Inflater {
    static func inflate(_ reader: inout PartReader, _ body: (Data) throws -> Void) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipDamage("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        let size = 64 * 1024
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { output.deallocate() }
        var input = Data()
        var position = 0
        var finished = false
        // A call that filled the whole output buffer may have more to give without more input (the
        // end mark already read): ask again before reading on, or before calling the part cut short.
        var outputFull = false
        while !finished {
            if position == input.count, !outputFull {
                guard let chunk = try reader.next() else {
                    throw ZipDamage("its compressed data ends before its end mark (cut short)")
                }
                (input, position) = (chunk, 0)
            }
            // The stream points into `input` only for the length of one call; the place is kept as
            // `position`.
            let (result, left, made): (Int32, Int, Int) = input.withUnsafeMutableBytes { buffer in
                stream.next_in = buffer.bindMemory(to: UInt8.self).baseAddress! + position
                stream.avail_in = uInt(buffer.count - position)
                stream.next_out = output
                stream.avail_out = uInt(size)
                let result = CZlib.inflate(&stream, Z_NO_FLUSH)
                defer { (stream.next_in, stream.avail_in) = (nil, 0) }
                return (result, Int(stream.avail_in), size - Int(stream.avail_out))
            }
            position = input.count - left
            outputFull = made == size
            if made > 0 { try body(Data(bytes: output, count: made)) }
            switch result {
            case Z_STREAM_END: finished = true
            case Z_OK: break
            case Z_BUF_ERROR where position == input.count && !outputFull: break
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "code \(result)"
                throw ZipDamage("its compressed data is damaged (\(message))")
            }
        }
    }
}

extension [UInt8] {
    fileprivate func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    fileprivate func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    fileprivate func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
