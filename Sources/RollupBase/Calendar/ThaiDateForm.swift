/// The ways Thai exports write a day, each able to render a `CalendarDay`: the benchmark's cell mix and the
/// round-trip property test use them. Two-digit-year forms cover CE 1957–2056, `serial` 2000–2099.
public enum ThaiDateForm: String, CaseIterable, Sendable {
    case thaiAbbreviatedShortYear  // ๒๖ ก.พ. ๖๒
    case arabicAbbreviatedShortYear  // 26 ก.พ. 62
    case thaiAbbreviatedNoDots  // ๒๖ กพ ๖๒
    case arabicAbbreviatedTight  // 26ก.พ.62
    case thaiAbbreviatedSpacedDots  // ๒๖ ก. พ. ๖๒
    case thaiAbbreviatedFullYear  // ๒๖ ก.พ. ๒๕๖๒
    case slashPadded  // 21/02/2562
    case slashUnpadded  // 1/2/2562
    case thaiSlash  // ๒๑/๐๒/๒๕๖๒
    case slashShortYear  // 21/02/62
    case dashPadded  // 21-02-2562
    case thaiFull  // ๒๑ กุมภาพันธ์ ๒๕๖๒
    case arabicFull  // 21 กุมภาพันธ์ 2562
    case thaiFullEra  // ๒๑ กุมภาพันธ์ พ.ศ. ๒๕๖๒
    case weekday  // วันพฤหัสบดีที่ ๒๑ กุมภาพันธ์ ๒๕๖๒
    case dayPrefix  // วันที่ ๒๖ ก.พ. ๖๒
    case withTime  // ๒๒ ก.พ. ๖๒ เวลา ๑๐.๑๐ น.
    case christianYear  // 21 กุมภาพันธ์ 2019
    case iso  // 2019-02-21
    case serial  // 43517
    case formal  // วันที่ ๒๑ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๒
    case windowsDateTime  // 21/02/2562 08:28 หลังเที่ยง
    case compact  // 25620221
    case spokenMonth  // ๒๑ กุมภา ๖๒

    public func render(_ d: CalendarDay) -> String {
        let abbreviated = ThaiCalendarWords.abbreviatedMonthNames[d.month - 1]
        let full = ThaiCalendarWords.fullMonthNames[d.month - 1]
        let be = d.buddhistYear
        let yy = pad2(be % 100)
        switch self {
        case .thaiAbbreviatedShortYear: return ThaiDisplay.digits("\(d.day) \(abbreviated) \(yy)")
        case .arabicAbbreviatedShortYear: return "\(d.day) \(abbreviated) \(yy)"
        case .thaiAbbreviatedNoDots:
            return ThaiDisplay.digits("\(d.day) \(abbreviated.filter { $0 != "." }) \(yy)")
        case .arabicAbbreviatedTight: return "\(d.day)\(abbreviated)\(yy)"
        case .thaiAbbreviatedSpacedDots:
            return ThaiDisplay.digits("\(d.day) \(abbreviated.replacingDotsWithDotSpace()) \(yy)")
        case .thaiAbbreviatedFullYear: return ThaiDisplay.digits("\(d.day) \(abbreviated) \(be)")
        case .slashPadded: return "\(pad2(d.day))/\(pad2(d.month))/\(be)"
        case .slashUnpadded: return "\(d.day)/\(d.month)/\(be)"
        case .thaiSlash: return ThaiDisplay.digits("\(pad2(d.day))/\(pad2(d.month))/\(be)")
        case .slashShortYear: return "\(pad2(d.day))/\(pad2(d.month))/\(yy)"
        case .dashPadded: return "\(pad2(d.day))-\(pad2(d.month))-\(be)"
        case .thaiFull: return ThaiDisplay.digits("\(d.day) \(full) \(be)")
        case .arabicFull: return "\(d.day) \(full) \(be)"
        case .thaiFullEra: return ThaiDisplay.digits("\(d.day) \(full) พ.ศ. \(be)")
        case .weekday: return ThaiDisplay.digits("วัน\(d.weekday.thaiName)ที่ \(d.day) \(full) \(be)")
        case .dayPrefix: return ThaiDisplay.digits("วันที่ \(d.day) \(abbreviated) \(yy)")
        case .withTime: return ThaiDisplay.digits("\(d.day) \(abbreviated) \(yy) เวลา 10.10 น.")
        case .christianYear: return "\(d.day) \(full) \(d.year)"
        case .iso: return d.iso
        case .serial: return String(Int64(d.daysSince1970) + ThaiDateParser.serialOf1970)
        case .formal: return ThaiDisplay.digits("วันที่ \(d.day) เดือน \(full) พ.ศ. \(be)")
        case .windowsDateTime:
            return "\(pad2(d.day))/\(pad2(d.month))/\(be) 08:28 " + (d.day % 2 == 0 ? "หลังเที่ยง" : "ก่อนเที่ยง")
        case .compact: return "\(be)\(pad2(d.month))\(pad2(d.day))"
        case .spokenMonth:
            let spoken = ThaiCalendarWords.monthSlips.first {
                $0.1 == d.month && !$0.0.contains(".") && $0.0.count <= 7
            }!.0
            return ThaiDisplay.digits("\(d.day) \(spoken) \(yy)")
        }
    }

    private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

extension String {
    /// "ก.พ." → "ก. พ." (the spaced abbreviation some typists use).
    fileprivate func replacingDotsWithDotSpace() -> String {
        var out = ""
        for (i, c) in enumerated() {
            out.append(c)
            if c == ".", i < count - 1 { out.append(" ") }
        }
        return out
    }
}
