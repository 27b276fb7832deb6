import Foundation

extension CalendarDay {
    /// Today's date on this machine's clock, in its time zone (the secretariats run on Asia/Bangkok).
    public static func today(now: Date = Date(), timeZone: TimeZone = .current) -> CalendarDay {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: now)
        return CalendarDay(daysSince1970: Int(Int64(seconds).floorDivided(by: 86_400)))
    }
}
