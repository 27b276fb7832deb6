/// The Thai names of months and weekdays, and the spellings of them that exports carry.
enum ThaiCalendarWords {
    static let fullMonthNames = [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ]
    static let abbreviatedMonthNames = [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]
    /// Misspellings seen in real exports, with the month they stand for. The seed's FY header writes
    /// "ด.ค." and "ค.ค." where ต.ค. (October) belongs; "กรกฏาคม" (ฏ for ฎ) is a common typing slip.
    static let monthSlips: [(String, Int)] = [
        ("ด.ค.", 10), ("ค.ค.", 10), ("กรกฏาคม", 7), ("กุมภาพันธ", 2),
        // The spoken names, the month's name without its ending (-คม, -ยน, -พันธ์).
        ("มกรา", 1), ("กุมภา", 2), ("มีนา", 3), ("เมษา", 4), ("พฤษภา", 5), ("มิถุนา", 6), ("กรกฎา", 7), ("กรกฏา", 7),
        ("สิงหา", 8), ("กันยา", 9), ("ตุลา", 10), ("พฤศจิกา", 11), ("ธันวา", 12),
    ]
    static let weekdayNames = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"]
    /// Short spoken forms of the weekday names ("วันพฤหัสที่").
    static let weekdaySlips: [(String, Int)] = [("พฤหัส", 4), ("พฤหัสฯ", 4)]
}
