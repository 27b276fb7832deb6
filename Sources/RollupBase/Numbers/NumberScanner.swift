/// One pass over a figure cell, without allocating: the number (digits of any script, thousands groups,
/// decimals, sign or accountants' parentheses), the letters before and after it, and what is wrong with it.
struct NumberScanner {
    typealias Index = Substring.UnicodeScalarView.Index

    enum Problem: Equatable {
        case badGrouping
        case secondNumber(range: Bool)
        case unbalancedParentheses
        case tooManyDigits
    }

    var mantissa: Int64 = 0
    var fractionDigits = 0
    var digits = 0
    var hasNumber = false
    var negative = false
    var prefix = LetterKey()
    var suffix = LetterKey()
    var percentSign = false
    var bahtSign = false
    var hyphens = 0
    var startsWithHash = false
    var others = 0
    var problem: Problem? = nil
    var numberStart: Index
    var numberEnd: Index

    private enum Phase { case before, integer, fraction, after }
    private static let rangeWord = LetterKey("ถึง")

    init(_ cell: Substring) {
        let scalars = cell.unicodeScalars
        numberStart = scalars.startIndex
        numberEnd = scalars.startIndex
        var phase = Phase.before
        var openParen = false
        var closeParen = false
        var groupLength = 0
        var sawComma = false
        var rangeMarker = false
        var i = scalars.startIndex
        func next(after j: Index, skippingSpaces: Bool) -> Unicode.Scalar? {
            var k = scalars.index(after: j)
            while k != scalars.endIndex {
                let s = scalars[k]
                if !(ThaiScalar.isInvisible(s) || (skippingSpaces && ThaiScalar.isSpace(s))) { return s }
                k = scalars.index(after: k)
            }
            return nil
        }
        /// Whether a number starts right after `j` (spaces skipped): a digit, or a point and a digit.
        func numberFollows(_ j: Index) -> Bool {
            var k = scalars.index(after: j)
            while k != scalars.endIndex, ThaiScalar.isSpace(scalars[k]) || ThaiScalar.isInvisible(scalars[k]) {
                k = scalars.index(after: k)
            }
            guard k != scalars.endIndex else { return false }
            if ThaiScalar.digit(scalars[k]) != nil { return true }
            return ThaiScalar.punctuation(scalars[k]) == UInt8(ascii: ".")
                && next(after: k, skippingSpaces: false).map { ThaiScalar.digit($0) != nil } == true
        }
        var lastWasLetter = false
        var sawSpaceGroup = false
        /// Whether exactly three digits follow the space at `j` and then no digit (nor a space and a digit).
        func groupsOfThreeFollow(_ j: Index) -> Bool {
            var k = scalars.index(after: j)
            var count = 0
            while k != scalars.endIndex, ThaiScalar.digit(scalars[k]) != nil {
                count += 1
                k = scalars.index(after: k)
            }
            return count == 3
        }
        func endGroups() {
            if sawComma && groupLength != 3 { problem = problem ?? .badGrouping }
        }
        while i != scalars.endIndex {
            let s = scalars[i]
            let digit = ThaiScalar.digit(s)
            switch phase {
            case .integer:
                if let digit {
                    accumulate(digit)
                    groupLength += 1
                    i = scalars.index(after: i)
                    continue
                }
                // A space (also no-break or thin) between groups of exactly three digits: "12 345", "1 234 567".
                if s.value == 0x20 || s.value == 0xA0 || s.value == 0x2009 || s.value == 0x202F, !sawComma,
                    groupsOfThreeFollow(i)
                {
                    if sawSpaceGroup ? groupLength != 3 : !(1...3).contains(groupLength) {
                        problem = problem ?? .badGrouping
                    }
                    sawSpaceGroup = true
                    groupLength = 0
                    i = scalars.index(after: i)
                    continue
                }
                if ThaiScalar.punctuation(s) == UInt8(ascii: ","), let n = next(after: i, skippingSpaces: true),
                    ThaiScalar.digit(n) != nil
                {
                    if sawComma ? groupLength != 3 : !(1...3).contains(groupLength) {
                        problem = problem ?? .badGrouping
                    }
                    sawComma = true
                    groupLength = 0
                    i = scalars.index(after: i)
                    while i != scalars.endIndex, ThaiScalar.digit(scalars[i]) == nil { i = scalars.index(after: i) }
                    continue
                }
                endGroups()
                if ThaiScalar.punctuation(s) == UInt8(ascii: "."),
                    let n = next(after: i, skippingSpaces: false), ThaiScalar.digit(n) != nil
                {
                    phase = .fraction
                    i = scalars.index(after: i)
                    continue
                }
                numberEnd = i
                phase = .after
            case .fraction:
                if let digit {
                    accumulate(digit)
                    fractionDigits += 1
                    i = scalars.index(after: i)
                    continue
                }
                if ThaiScalar.punctuation(s) == UInt8(ascii: ","),
                    let n = next(after: i, skippingSpaces: false), ThaiScalar.digit(n) != nil
                {
                    problem = problem ?? .badGrouping
                }
                numberEnd = i
                phase = .after
            case .before, .after:
                break
            }
            if digit != nil {
                if phase == .before {
                    phase = .integer
                    hasNumber = true
                    numberStart = i
                    accumulate(digit!)
                    groupLength = 1
                } else {
                    problem = problem ?? .secondNumber(range: rangeMarker)
                }
                i = scalars.index(after: i)
                continue
            }
            if ThaiScalar.isSpace(s) || ThaiScalar.isInvisible(s) {
                // stray spaces are ignored
                lastWasLetter = false
                i = scalars.index(after: i)
                continue
            } else if s.value == 0x0E33 || ThaiScalar.letterCode(s) != nil {
                if phase == .before { prefix.append(s) } else { suffix.append(s) }
                if phase == .after && suffix == NumberScanner.rangeWord { rangeMarker = true }
                lastWasLetter = true
                i = scalars.index(after: i)
                continue
            } else {
                switch ThaiScalar.punctuation(s) {
                case UInt8(ascii: "-")?:
                    hyphens += 1
                    if phase == .before, numberFollows(i) {
                        negative = true
                    } else if phase == .after {
                        rangeMarker = true
                    }
                case UInt8(ascii: "+")?:
                    // A leading plus sign: the number that follows is positive.
                    if !(phase == .before && !negative && numberFollows(i)) { others += 1 }
                case UInt8(ascii: ".")?
                where phase == .before && !lastWasLetter
                    && next(after: i, skippingSpaces: false).map { ThaiScalar.digit($0) != nil } == true:
                    // A leading decimal point (".5" is 0.5): not an abbreviation's dot, which follows a letter.
                    phase = .fraction
                    hasNumber = true
                    numberStart = i
                case UInt8(ascii: ".")?: break  // abbreviation dots ("บ.", "ป.ป.ช."), ".-"
                case UInt8(ascii: "(")?:
                    if phase == .before && !openParen { openParen = true } else { others += 1 }
                case UInt8(ascii: ")")?:
                    if phase == .after && openParen && !closeParen { closeParen = true } else { others += 1 }
                case UInt8(ascii: "%")?:
                    if phase == .after && !percentSign { percentSign = true } else { others += 1 }
                case UInt8(ascii: "B")?: bahtSign = true
                case UInt8(ascii: "#")?:
                    if phase == .before && prefix.isEmpty && others == 0 { startsWithHash = true }
                    others += 1
                default: others += 1
                }
            }
            i = scalars.index(after: i)
        }
        if phase == .integer { endGroups() }
        if phase == .integer || phase == .fraction { numberEnd = scalars.endIndex }
        if openParen != closeParen {
            problem = problem ?? .unbalancedParentheses
        } else if openParen {
            negative = true
        }
        if digits > 18 { problem = .tooManyDigits }
    }

    @inline(__always)
    private mutating func accumulate(_ digit: Int) {
        digits += 1
        if digits <= 18 { mantissa = mantissa * 10 + Int64(digit) }
    }

    /// True when the cell is nothing but dashes ("-", "–", "—", "--").
    var isDashOnly: Bool { !hasNumber && hyphens > 0 && prefix.isEmpty && others == 0 && !percentSign && !bahtSign }
    /// True when the cell is empty or only spaces and invisible characters.
    var isBlank: Bool { !hasNumber && hyphens == 0 && prefix.isEmpty && others == 0 && !percentSign && !bahtSign }
}
