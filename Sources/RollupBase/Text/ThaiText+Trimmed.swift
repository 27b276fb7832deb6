extension ThaiText {
    /// Leading and trailing whitespace and invisible characters removed; the inside kept as it is.
    public static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        func edge(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace || ThaiScalar.isInvisible(c) }
        guard let first = scalars.firstIndex(where: { !edge($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !edge($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return s }
        return String(scalars[first...last])
    }
}
