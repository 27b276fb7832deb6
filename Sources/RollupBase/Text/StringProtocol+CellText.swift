extension Substring {
    /// A view of any string as a `Substring`, without copying a `String` or a `Substring`.
    @inline(__always)
    init(cell text: some StringProtocol) {
        if let s = text as? String {
            self = s[...]
        } else if let s = text as? Substring {
            self = s
        } else {
            self = String(text)[...]
        }
    }
}

extension StringProtocol {
    /// Drops leading and trailing spaces and invisible characters (no Foundation).
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !ThaiScalar.isSpace($0) && !ThaiScalar.isInvisible($0) })
        else { return "" }
        let last = scalars.lastIndex(where: { !ThaiScalar.isSpace($0) && !ThaiScalar.isInvisible($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
