/// Amounts written out in Thai words, as on a cheque: "สี่แสนสามหมื่นเก้าพันสองร้อยบาทถ้วน" = 439,200 baht.
enum ThaiNumberWords {
    private static let digitWords: [(String, Int64)] = [
        ("ศูนย์", 0), ("หนึ่ง", 1), ("เอ็ด", 1), ("สอง", 2), ("ยี่", 2), ("สาม", 3), ("สี่", 4), ("ห้า", 5),
        ("หก", 6), ("เจ็ด", 7), ("แปด", 8), ("เก้า", 9),
    ]
    private static let placeWords: [(String, Int64)] = [
        ("สิบ", 10), ("ร้อย", 100), ("พัน", 1000), ("หมื่น", 10_000), ("แสน", 100_000), ("ล้าน", 1_000_000),
    ]
    private enum Token {
        case digit(Int64)
        case place(Int64)
    }
    private static let tokens: [([Unicode.Scalar], Token)] =
        (digitWords.map { (Array($0.0.unicodeScalars), Token.digit($0.1)) }
        + placeWords.map { (Array($0.0.unicodeScalars), Token.place($0.1)) })
        .sorted { $0.0.count > $1.0.count }

    /// Satang of a cheque-style amount ("…บาทถ้วน", "…บาทห้าสิบสตางค์", "…บาท"); nil if the text is not one.
    /// Spaces must already be removed.
    static func satang(_ text: String) -> Int64? {
        var body = text
        for ending in ["ถ้วน", "ตรง"] where body.hasSuffix(ending) { body.removeLast(ending.count) }
        var satangPart: Int64 = 0
        if body.hasSuffix("สตางค์") {
            body.removeLast("สตางค์".count)
            guard let bahtEnd = body.range(of: "บาท") else { return nil }
            guard let s = value(String(body[bahtEnd.upperBound...])), s < 100 else { return nil }
            satangPart = s
            body = String(body[..<bahtEnd.upperBound])
        }
        guard body.hasSuffix("บาท") else { return nil }
        body.removeLast("บาท".count)
        guard let baht = value(body) else { return nil }
        let (scaled, overflow) = baht.multipliedReportingOverflow(by: 100)
        return overflow ? nil : scaled + satangPart
    }

    /// The value of Thai number words ("สองร้อยห้าสิบ" = 250); nil for anything else.
    public static func value(_ text: String) -> Int64? {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var total: Int64 = 0
        var group: Int64 = 0
        var pending: Int64? = nil
        var lastPlace: Int64 = .max
        var i = 0
        while i < scalars.count {
            guard let (length, token) = match(scalars, at: i) else { return nil }
            i += length
            switch token {
            case .digit(let d):
                guard pending == nil else { return nil }
                pending = d
            case .place(1_000_000):
                group += pending ?? (group == 0 && total == 0 ? 1 : 0)
                pending = nil
                let (t, overflow) = (total + group).multipliedReportingOverflow(by: 1_000_000)
                guard !overflow else { return nil }
                total = t
                group = 0
                lastPlace = .max
            case .place(let p):
                guard p < lastPlace else { return nil }
                group += (pending ?? 1) * p
                pending = nil
                lastPlace = p
            }
        }
        return total + group + (pending ?? 0)
    }

    private static func match(_ scalars: [Unicode.Scalar], at i: Int) -> (Int, Token)? {
        for (word, token) in tokens where i + word.count <= scalars.count {
            if scalars[i..<(i + word.count)].elementsEqual(word) { return (word.count, token) }
        }
        return nil
    }
}
