import Foundation

/// A plain e-mail address as the registry may hold it: `name@domain`, nothing a mail header could
/// be bent with (no spaces, line breaks, `<>,;"` or a second `@`).
public enum MailAddress {
    public static func isPlain(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), address.utf8.count <= 254 else {
            return false
        }
        return address.unicodeScalars.allSatisfy { s in
            s.value > 0x20 && s.value < 0x7F && !"<>,;\"()[]\\:".unicodeScalars.contains(s)
        }
    }
}
