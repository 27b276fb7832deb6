import Foundation
import RollupBase
import RollupReading

extension Pipeline {
    /// One export file to read: the bureau code it belongs to, where it is, and how it is named in
    /// rejects and the manifest (relative to the input folder, or `pulled/<code>/...`).
    public struct ExportFile: Sendable, Hashable {
        public let bureau: String
        public let path: String
        public let displayPath: String
        /// The bureau's name and agency as the registry gives them (nil when it names none): the
        /// bureau every row of the file counts for, whatever its หน่วยงาน cell says.
        public var bureauName: String?
        public var bureauAgency: String?
        /// The sheet to read when the file is a workbook (the registry's `sheet`); nil finds it.
        public var sheet: String?

        public init(
            bureau: String, path: String, displayPath: String, bureauName: String? = nil, bureauAgency: String? = nil
        ) {
            self.bureau = bureau
            self.path = path
            self.displayPath = displayPath
            self.bureauName = bureauName.flatMap { $0.isEmpty ? nil : $0 }
            self.bureauAgency = bureauAgency.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// What `compute` reports as it goes, for logs and progress: one event per stage and per file.
    public enum Event: Sendable {
        case planLoaded(projects: Int, files: Int, issues: Int, seconds: Double)
        /// `started`: how many files were started before this one (bureaus are read largest first,
        /// so it is not the file's `index` in the list).
        case exportStarted(index: Int, started: Int, total: Int, file: ExportFile)
        /// `cached`: the file was unchanged since a run that kept its result (`ReadCache`), so it was not read.
        case exportRead(
            index: Int, total: Int, account: FileAccount, rejects: RejectLog, seconds: Double, cached: Bool = false)
        case aggregated(bureaus: Int, seconds: Double)
        /// The as-of date asked for (or today) lies past the newest plan year: `asOf`, that year's last
        /// day, is reported instead, until the next year's plan is approved and put in `input/plan/`.
        case asOfClamped(asked: CalendarDay, asOf: CalendarDay)
    }
}
