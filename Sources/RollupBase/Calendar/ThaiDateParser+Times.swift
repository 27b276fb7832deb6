/// A time of day after a date ("๑๐.๓๐ น.", "เวลา 10:30", "13:45:00", a time range): read past and dropped.
extension ThaiDateParser {
    enum TimeReading { case time, badTime, notTime }

    static func readTime(after lead: Gap, _ t: inout CellTokenizer) -> TimeReading {
        let marker = words[lead.key]
        guard lead.key.isEmpty || marker == .timeMarker,
            lead.others == 0, lead.slashes == 0, lead.hyphens == 0, lead.dots == 0, lead.colons == 0,
            lead.commas <= 1
        else { return .notTime }
        var valid = true
        guard readClock(&t, &valid) else { return .notTime }
        var g = t.gap()
        if !g.isLast, (g.key.isEmpty && g.hyphens == 1 && g.punctuationCount == 1) || words[g.key] == .rangeWord {
            guard readClock(&t, &valid) else { return .notTime }
            g = t.gap()
        }
        guard g.isLast, g.key.isEmpty || words[g.key] == .hourUnit,
            g.punctuationCount == g.dots
        else { return .notTime }
        return valid ? .time : .badTime
    }

    /// h.mm, h:mm, h:mm:ss, h:mm:ss.fff; sets `valid` false for an hour or minute out of range.
    private static func readClock(_ t: inout CellTokenizer, _ valid: inout Bool) -> Bool {
        guard let h = t.number(), h.digits <= 2 else { return false }
        let g1 = t.gap()
        guard g1.isSole(UInt8(ascii: ":")) || g1.isSole(UInt8(ascii: ".")), !g1.isLast,
            let m = t.number(), m.digits == 2
        else { return false }
        var probe = t
        let g2 = probe.gap()
        var seconds: Int64 = 0
        if g2.isSole(UInt8(ascii: ":")), !g2.isLast, let s = probe.number(), s.digits == 2 {
            seconds = s.value
            t = probe
            var fraction = t
            let g3 = fraction.gap()
            if g3.isSole(UInt8(ascii: ".")), !g3.isLast, fraction.number() != nil { t = fraction }
        }
        if !(h.value <= 23 && m.value <= 59 && seconds <= 60) && !(h.value == 24 && m.value == 0 && seconds == 0) {
            valid = false
        }
        return true
    }
}
