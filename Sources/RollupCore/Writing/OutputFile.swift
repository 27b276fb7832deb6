import RollupBase
import RollupReading

/// One file of a run: rendered bytes, or a writer that streams it in pieces (the reject lists,
/// which grow with the input) straight into the staging folder.
public struct OutputFile: Sendable {
    public let name: String
    private let content: Content

    private enum Content: Sendable {
        case bytes([UInt8])
        case stream(@Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void)
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        content = .bytes(bytes)
    }

    /// `produce` calls `write` with the file's bytes in order, in as many pieces as it likes.
    public init(name: String, stream produce: @escaping @Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void) {
        self.name = name
        content = .stream(produce)
    }

    /// Hands the file's bytes to `write` in order.
    public func write(_ write: ([UInt8]) throws -> Void) throws {
        switch content {
        case .bytes(let b): try write(b)
        case .stream(let produce): try produce(write)
        }
    }

    /// The whole file in memory (tests and small files).
    public var bytes: [UInt8] {
        var all: [UInt8] = []
        try? write { all.append(contentsOf: $0) }
        return all
    }
}
