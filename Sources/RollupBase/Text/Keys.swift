/// Keys under which ids, names and bureaus compare across files, whatever digits and spacing they carry.
public enum Keys {
    /// A project id: Thai digits as Arabic, no whitespace or zero-width characters ("สผ-๖๒-๐๐๑ " → "สผ-62-001").
    public static func projectID(_ text: String) -> String {
        ThaiText.key(ThaiText.arabicDigits(text))
    }

    /// A project name or bureau: `ThaiText.key` with Thai digits as Arabic.
    public static func name(_ text: String) -> String {
        ThaiText.key(ThaiText.arabicDigits(text))
    }

    /// A bureau key without brackets and dots, so "สำนักพัฒนาบุคลากร (สผ.)" and "สำนักพัฒนาบุคลากร สผ" match.
    public static func looseBureau(_ key: String) -> String {
        guard key.contains(where: { "().[]".contains($0) }) else { return key }
        // Normalized again: taking a bracket out can join a nikhahit and sara aa, as in `ThaiText.key`.
        return ThaiText.normalize(String(key.filter { !"().[]".contains($0) }))
    }
}
