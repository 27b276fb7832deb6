import CXlsxWriter
import Foundation

/// An .xlsx file written by libxlsxwriter in its constant-memory mode: each row goes to a temporary
/// file in `scratch` once the next row starts, so a sheet of a million rows costs no more memory
/// than one. The only code that calls `workbook_*`, `worksheet_*` and `format_*`.
///
/// Rows are written in order, top to bottom (constant-memory mode drops a row once a later one is
/// written). The document's created time is the caller's, so the same figures give the same bytes.
///
/// Comments (`Sheet.comment`) work in constant-memory mode under the same rule as cells: at the row
/// being written or below, never above (libxlsxwriter then answers "index out of range"; its
/// test_optimize13 writes a comment in this mode). Unlike cells, libxlsxwriter keeps every comment
/// in memory until `close`, so a caller bounds how many it writes (`MarkedCopy.maxMarks`).
final class Workbook {
    /// A cell's look: the number format and whether it is a heading.
    enum Style: Hashable {
        case plain
        case heading
        case key
        case count
        case baht
        case percent
        case decimal
        case date
        /// The report form's: its title, its headings, its cells (Thai font, wrapped, boxed).
        case formTitle
        case formHeading
        case formText
        case formNumber
        case formPercent
        /// A bureau's cell as received (`MarkedCopy`): text format, so a cell retyped in Excel stays
        /// text, filled when it is refused or noticed, wrapped when it holds line breaks.
        case received(Mark, wrapped: Bool)
        /// The cells of a printable list: wrapped, top-aligned.
        case listText
    }

    /// How a received cell is marked: refused (red-ish, Excel's "Bad"), a notice (amber, Excel's
    /// "Neutral"), or not at all. The fill is never the only sign: every marked cell has a comment.
    enum Mark: Hashable {
        case none
        case refused
        case notice
    }

    /// The Thai font of the report form, as government documents use it (LibreOffice and Excel
    /// substitute another Thai font where it is not installed).
    static let formFont = "TH Sarabun New"

    /// Excel's limits: rows per sheet and characters per cell.
    static let maxRows = 1_048_576
    static let maxCellCharacters = 32_767

    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var styles: [Style: UnsafeMutablePointer<lxw_format>] = [:]
    private var strings: [UnsafeMutablePointer<CChar>] = []
    private var closed = false
    let path: String

    /// A new workbook at `path`; libxlsxwriter's temporary files go to `scratch`. Its document
    /// properties carry `title` and `created`.
    init(path: String, scratch: String, title: String, created: Date) throws {
        self.path = path
        let tmpdir = strdup(scratch)!
        var options = lxw_workbook_options(constant_memory: UInt8(LXW_TRUE.rawValue), tmpdir: tmpdir, use_zip64: 0)
        guard let made = workbook_new_opt(path, &options) else {
            free(tmpdir)
            throw WorkbookError(path: path, reason: "libxlsxwriter cannot create the workbook")
        }
        workbook = made
        strings.append(tmpdir)
        var properties = lxw_doc_properties()
        properties.title = keep(title)
        properties.author = keep("plan-rollup")
        properties.created = time_t(created.timeIntervalSince1970)
        try check(workbook_set_properties(workbook, &properties), "set the document properties")
    }

    deinit {
        if !closed { lxw_workbook_free(workbook) }
        strings.forEach { free($0) }
    }

    /// A new sheet named `name` (at most 31 characters, none of `[]:*?/\`).
    func addSheet(_ name: String) throws -> Sheet {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw WorkbookError(path: path, reason: "cannot add the sheet \(name)")
        }
        return Sheet(sheet: sheet, workbook: self)
    }

    /// Writes the zip container and releases libxlsxwriter's memory.
    func close() throws {
        closed = true
        let error = workbook_close(workbook)
        try check(error, "write the file")
    }

    func format(_ style: Style) -> UnsafeMutablePointer<lxw_format>? {
        if style == .plain { return nil }
        if let made = styles[style] { return made }
        guard let format = workbook_add_format(workbook) else { return nil }
        switch style {
        case .plain: break
        case .heading:
            format_set_bold(format)
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            format_set_bg_color(format, 0xDDEBF7)
            format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .key:
            format_set_italic(format)
            format_set_font_size(format, 9)
            format_set_font_color(format, 0x595959)
            format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .count: format_set_num_format(format, "#,##0")
        case .baht: format_set_num_format(format, "#,##0.00")
        case .percent: format_set_num_format(format, "0.00")
        case .decimal: format_set_num_format(format, "#,##0.##")
        // The Thai Buddhist calendar (07) in the Thai locale (041E): 31 มี.ค. 2562.
        case .date: format_set_num_format(format, "[$-107041E]d mmm yyyy")
        case .formTitle:
            format_set_font_name(format, Self.formFont)
            format_set_font_size(format, 16)
            format_set_bold(format)
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .formHeading, .formText, .formNumber, .formPercent:
            format_set_font_name(format, Self.formFont)
            format_set_font_size(format, 14)
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            if style == .formHeading {
                format_set_bold(format)
                format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
                format_set_bg_color(format, 0xDDEBF7)
            }
            if style == .formNumber { format_set_num_format(format, "#,##0") }
            if style == .formPercent { format_set_num_format(format, "0.00") }
        case .received(let mark, let wrapped):
            format_set_num_format(format, "@")
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            if wrapped { format_set_text_wrap(format) }
            switch mark {
            case .none: break
            case .refused:
                format_set_bg_color(format, 0xFFC7CE)
                format_set_font_color(format, 0x9C0006)
            case .notice:
                format_set_bg_color(format, 0xFFEB9C)
                format_set_font_color(format, 0x9C5700)
            }
        case .listText:
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
        }
        styles[style] = format
        return format
    }

    /// The author libxlsxwriter gives each comment, kept as long as the workbook.
    fileprivate lazy var commentAuthor: UnsafeMutablePointer<CChar> = keep("plan-rollup")

    private func keep(_ text: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(text)!
        strings.append(copy)
        return copy
    }

    /// Throws when `error` is one; `doing` is worded only then (cells call this once each).
    func check(_ error: lxw_error, _ doing: @autoclosure () -> String) throws {
        guard error != LXW_NO_ERROR else { return }
        let reason = String(cString: lxw_strerror(error))
        throw WorkbookError(path: path, reason: "libxlsxwriter cannot \(doing()): \(reason)")
    }

    /// One worksheet of the workbook.
    struct Sheet {
        let sheet: UnsafeMutablePointer<lxw_worksheet>
        unowned let workbook: Workbook

        func text(_ row: Int, _ column: Int, _ value: String, _ style: Style = .plain) throws {
            var value = value
            let scalars = value.unicodeScalars
            // A text of no more UTF-8 bytes than the limit has no more code points either.
            if value.utf8.count > Workbook.maxCellCharacters, scalars.count > Workbook.maxCellCharacters {
                // Excel (and libxlsxwriter, counting code points) holds no more in a cell; the CSV keeps
                // the whole text.
                value = String(String.UnicodeScalarView(scalars.prefix(Workbook.maxCellCharacters - 1))) + "…"
            }
            try workbook.check(
                worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), value, workbook.format(style)),
                "write row \(row + 1)")
        }

        func number(_ row: Int, _ column: Int, _ value: Double, _ style: Style) throws {
            try workbook.check(
                worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, workbook.format(style)),
                "write row \(row + 1)")
        }

        func flag(_ row: Int, _ column: Int, _ value: Bool) throws {
            try workbook.check(
                worksheet_write_boolean(sheet, lxw_row_t(row), lxw_col_t(column), value ? 1 : 0, nil),
                "write row \(row + 1)")
        }

        func date(_ row: Int, _ column: Int, _ day: CalendarDayParts) throws {
            var value = lxw_datetime(
                year: Int32(day.year), month: Int32(day.month), day: Int32(day.day),
                hour: 0, min: 0, sec: 0)
            try workbook.check(
                worksheet_write_datetime(sheet, lxw_row_t(row), lxw_col_t(column), &value, workbook.format(.date)),
                "write row \(row + 1)")
        }

        /// An empty cell with the look `style` (a marked cell the bureau left empty).
        func blank(_ row: Int, _ column: Int, _ style: Style) throws {
            try workbook.check(
                worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(column), workbook.format(style)),
                "write row \(row + 1)")
        }

        /// A comment (a note in Excel) on cell `row`, `column`, `width` pixels wide with room for
        /// about `lines` lines: `worksheet_write_comment_opt`. At the row being written or below.
        func comment(_ row: Int, _ column: Int, _ text: String, width: Int, lines: Int) throws {
            var text = text
            if text.unicodeScalars.count > Workbook.maxCellCharacters {
                text =
                    String(String.UnicodeScalarView(text.unicodeScalars.prefix(Workbook.maxCellCharacters - 1))) + "…"
            }
            var options = lxw_comment_options()
            options.author = workbook.commentAuthor
            options.width = UInt16(clamping: width)
            options.height = UInt16(clamping: 24 + 17 * max(1, lines))
            options.font_size = 10
            try workbook.check(
                worksheet_write_comment_opt(sheet, lxw_row_t(row), lxw_col_t(column), text, &options),
                "write the comment of row \(row + 1)")
        }

        /// The height of row `row` in points; before the row's cells are written.
        func height(_ row: Int, _ points: Double) throws {
            try workbook.check(worksheet_set_row(sheet, lxw_row_t(row), points, nil), "set row \(row + 1)'s height")
        }

        /// One text across columns `first` to `last` of `row`.
        func merged(_ row: Int, _ first: Int, _ last: Int, _ value: String, _ style: Style) throws {
            try workbook.check(
                worksheet_merge_range(
                    sheet, lxw_row_t(row), lxw_col_t(first), lxw_row_t(row), lxw_col_t(last), value,
                    workbook.format(style)),
                "merge row \(row + 1)")
        }

        /// Printed on A4 landscape, one page wide, rows `repeat` repeated on every page.
        func printOnA4Landscape(repeat rows: ClosedRange<Int>) throws {
            worksheet_set_landscape(sheet)
            worksheet_set_paper(sheet, 9)
            worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.5)
            worksheet_fit_to_pages(sheet, 1, 0)
            try workbook.check(
                worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)), "repeat rows")
        }

        /// The width of column `column` with the look `style` for its empty cells.
        func width(_ column: Int, _ characters: Double, _ style: Style) throws {
            try workbook.check(
                worksheet_set_column(
                    sheet, lxw_col_t(column), lxw_col_t(column), characters, workbook.format(style)),
                "set a width")
        }

        /// Keeps the first `rows` rows in view while scrolling.
        func freeze(rows: Int) {
            worksheet_freeze_panes(sheet, lxw_row_t(rows), 0)
        }

        /// Filter buttons on row `header`, over `columns` columns down to row `lastRow`.
        func autofilter(header: Int, lastRow: Int, columns: Int) throws {
            guard columns > 0 else { return }
            try workbook.check(
                worksheet_autofilter(
                    sheet, lxw_row_t(header), 0, lxw_row_t(max(header, lastRow)), lxw_col_t(columns - 1)),
                "set the filter")
        }

        /// The width of column `column`, in characters of the default font.
        func width(_ column: Int, _ characters: Double) throws {
            try workbook.check(
                worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), characters, nil), "set a width")
        }
    }
}

/// A day as libxlsxwriter takes it.
struct CalendarDayParts {
    let year: Int
    let month: Int
    let day: Int
}

/// The workbook could not be written: nothing is published.
public struct WorkbookError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
