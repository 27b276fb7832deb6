import RollupBase
import RollupReading
import Synchronization

/// One file of a run: rendered bytes, or a writer that streams it in pieces (the reject lists,
/// which grow with the input) straight into the staging folder.
public struct OutputFile: Sendable {
    public let name: String
    private let makeSource: (@Sendable () -> [UInt8]?)?
    private let content: Content

    private enum Content: Sendable {
        case bytes([UInt8])
        case stream(@Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void)
        case pieces([Piece])
    }

    /// A run of a file's bytes made from a source of its own (a whole-run list's header, one input
    /// file's rows, its closing rows): a file written from pieces may copy each unchanged one from
    /// the previous run when the file as a whole changed.
    public struct Piece: Sendable {
        let makeSource: @Sendable () -> [UInt8]?
        let produce: @Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void

        /// `source` says what the piece is made from (`OutputSource.digest`; nil: always written);
        /// `produce` hands its bytes to `write` in order.
        public init(
            source: @escaping @Sendable () -> [UInt8]?,
            produce: @escaping @Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void
        ) {
            makeSource = source
            self.produce = produce
        }

        public var source: [UInt8]? { makeSource() }

        public func write(_ write: ([UInt8]) throws -> Void) throws { try produce(write) }
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        makeSource = nil
        content = .bytes(bytes)
    }

    /// `produce` calls `write` with the file's bytes in order, in as many pieces as it likes; `source`
    /// says what they are made from (see `source`). Both are called when the run is staged, two files
    /// at a time.
    public init(
        name: String, source: (@Sendable () -> [UInt8]?)? = nil,
        stream produce: @escaping @Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void
    ) {
        self.name = name
        makeSource = source
        content = .stream(produce)
    }

    /// A file that is its pieces one after the other; `source` is what the whole is made from.
    public init(name: String, source: @escaping @Sendable () -> [UInt8]?, pieces: [Piece]) {
        self.name = name
        makeSource = source
        content = .pieces(pieces)
    }

    /// The file's pieces, when it is written from pieces.
    public var pieces: [Piece]? {
        if case .pieces(let pieces) = content { return pieces }
        return nil
    }

    /// What the bytes are made from (`OutputSource.digest`), when the file may be copied from the
    /// previous run that wrote it from the same; nil: always written.
    public var source: [UInt8]? { makeSource?() }

    /// Hands the file's bytes to `write` in order.
    public func write(_ write: ([UInt8]) throws -> Void) throws {
        switch content {
        case .bytes(let b): try write(b)
        case .stream(let produce): try produce(write)
        case .pieces(let pieces): for piece in pieces { try piece.write(write) }
        }
    }

    /// The whole file in memory (tests and small files).
    public var bytes: [UInt8] {
        var all: [UInt8] = []
        try? write { all.append(contentsOf: $0) }
        return all
    }
}

/// A value made on first use, once, whichever thread asks first (a file's rows needed both for its
/// source and for its bytes).
public final class Deferred<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let value = Mutex<Value?>(nil)

    public init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    public var get: Value {
        value.withLock { value in
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }
}
