import Foundation

/// The commonest figure cells read straight from their UTF-8 bytes, without a String: nothing but
/// digits (Arabic or Thai, mixed as the number scanner allows), thousands commas in correct groups
/// of three, and a decimal point followed by digits. Anything else (spaces, signs, units, words,
/// a misplaced comma, more than 18 digits) is not plain, and the full parsers read it.
///
/// For every plain cell the result is exactly what `ThaiNumberParser` gives for the same text;
/// `PlainNumberTests` checks that over generated cells.
public struct PlainNumber: Equatable {
    let mantissa: Int64
    let fractionDigits: Int

    init(mantissa: Int64, fractionDigits: Int) {
        self.mantissa = mantissa
        self.fractionDigits = fractionDigits
    }

    public init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var inFraction = false
        var groupLength = 0
        var sawComma = false
        var i = 0
        let n = bytes.count
        guard n > 0 else { return nil }
        while i < n {
            let b = bytes[i]
            var digit: Int64 = -1
            if b >= 0x30 && b <= 0x39 {
                digit = Int64(b - 0x30)
                i += 1
            } else if b == 0xE0, i + 2 < n, bytes[i + 1] == 0xB9, bytes[i + 2] >= 0x90, bytes[i + 2] <= 0x99 {
                digit = Int64(bytes[i + 2] - 0x90)  // ๐ to ๙: U+0E50 to U+0E59
                i += 3
            }
            if digit >= 0 {
                digits += 1
                guard digits <= 18 else { return nil }
                mantissa = mantissa * 10 + digit
                if inFraction { fractionDigits += 1 } else { groupLength += 1 }
                continue
            }
            // A comma or a point must stand between digits; the next byte must start a digit.
            guard groupLength > 0 || inFraction, i + 1 < n, Self.startsDigit(bytes, at: i + 1) else { return nil }
            if b == UInt8(ascii: ","), !inFraction {
                if sawComma ? groupLength != 3 : groupLength > 3 { return nil }
                sawComma = true
                groupLength = 0
            } else if b == UInt8(ascii: "."), !inFraction {
                if sawComma && groupLength != 3 { return nil }
                inFraction = true
            } else {
                return nil
            }
            i += 1
        }
        if !inFraction && sawComma && groupLength != 3 { return nil }
        self.mantissa = mantissa
        self.fractionDigits = fractionDigits
    }

    private static func startsDigit(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = bytes[i]
        if b >= 0x30 && b <= 0x39 { return true }
        return b == 0xE0 && i + 2 < bytes.count && bytes[i + 1] == 0xB9 && bytes[i + 2] >= 0x90 && bytes[i + 2] <= 0x99
    }

    /// As `ThaiNumberParser.parseCount` reads it: a whole number (decimals of zeros only).
    public var count: Result<Int64?, Refusal>? {
        guard fractionDigits != 3 else { return nil }  // "1.000": the full parser refuses it
        var value = mantissa
        for _ in 0..<fractionDigits {
            guard value % 10 == 0 else { return nil }  // not whole: the full parser words the refusal
            value /= 10
        }
        return .success(value)
    }

    /// As `ThaiNumberParser.parseAmount` reads it: satang, at most 2 decimal places.
    public var amount: Result<AmountCell, Refusal>? {
        guard fractionDigits <= 2 else { return nil }
        var value = mantissa
        for _ in fractionDigits..<2 {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return .success(.satang(value))
    }

    /// As `ThaiNumberParser.parsePercent` reads a bare figure.
    public var percent: Result<Decimal?, Refusal> {
        .success(Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(mantissa)))
    }
}
