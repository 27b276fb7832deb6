/// The error values a spreadsheet writes into a cell whose formula failed (#VALUE!, #N/A, …).
public enum SpreadsheetError {
    static let names = [
        "#VALUE!", "#N/A", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA",
        uncalculated,
    ]

    /// What a workbook's formula cell reads as when the file was saved without its result.
    public static let uncalculated = "#UNCALCULATED!"

    /// The error's canonical name when the trimmed cell is one (any letter case), else nil.
    static func name(in cell: Substring) -> String? {
        let trimmed = cell.unicodeScalars.drop { ThaiScalar.isSpace($0) || ThaiScalar.isInvisible($0) }
        guard trimmed.first == "#" else { return nil }
        let text = String(String.UnicodeScalarView(trimmed)).trimmingSpaces().uppercased()
        return names.first { $0 == text }
    }

    static func refusal(_ name: String, field: String) -> Refusal {
        if name == uncalculated {
            return Refusal(
                code: "\(field).uncalculated_formula",
                english:
                    "the cell's formula has no saved result (the workbook was saved without calculating): open it in "
                    + "Excel, let it calculate, save it and send it again",
                thai: "สูตรในช่องนี้ไม่มีผลลัพธ์ที่บันทึกไว้ กรุณาเปิดไฟล์ใน Excel ให้คำนวณ แล้วบันทึกและส่งใหม่")
        }
        return Refusal(
            code: "\(field).spreadsheet_error",
            english:
                "the cell holds the spreadsheet error \(name), not a \(field): fix the formula in the source sheet",
            thai: "ช่องนี้มีค่าผิดพลาดของสเปรดชีต \(name) แทน\(field == "date" ? "วันที่" : "ตัวเลข") กรุณาแก้สูตรในไฟล์ต้นทาง"
        )
    }
}
