import RollupBase
import RollupReading

/// The kinds of planned figure: sessions held, items published, people reached, money.
///
/// Activities (ครั้ง, รุ่น, หลักสูตร, กิจกรรม) and items (เรื่อง, ฉบับ, ช่องทาง) are outputs of different
/// kinds and are never added together.
public enum PlanFigureKind: String, CaseIterable, Sendable, Hashable {
    case activities, items, participants, budget
}

/// Which cell of the plan row a planned figure was read from.
public enum PlanFigureSource: String, Sendable, Hashable {
    /// The budget cell's figure (งบประมาณ).
    case budget
    /// The budget cell names where the money comes from and gives no figure.
    case fundingText = "funding_text"
    /// The unit of count (หน่วยนับ: "๘ ครั้ง/ ๕๒๐ คน", "๖๐ เรื่อง").
    case unit
    /// The target group (กลุ่มเป้าหมาย: "จำนวน ๕๐๐ คน", "จำนวน ๕ รุ่น").
    case targetGroup = "target_group"
    /// The months marked in the schedule, counted: the fallback when no cell states a count.
    case schedule
    /// The plan gives no figure of this kind for the project.
    case none
}

/// One planned figure of one project, as the plan states it (nil: the plan gives none, which is not 0).
public struct PlannedFigure: Sendable, Hashable {
    public var value: Int64?
    public var source: PlanFigureSource

    public init(_ value: Int64?, _ source: PlanFigureSource) {
        self.value = value
        self.source = value == nil && source != .fundingText ? .none : source
    }

    public static let none = PlannedFigure(nil, .none)
}

/// One value per kind of planned figure.
public struct ByFigureKind<Value: Sendable & Hashable>: Sendable, Hashable {
    public var activities: Value
    public var items: Value
    public var participants: Value
    public var budget: Value

    public init(repeating value: Value) {
        (activities, items, participants, budget) = (value, value, value, value)
    }

    public subscript(kind: PlanFigureKind) -> Value {
        get {
            switch kind {
            case .activities: activities
            case .items: items
            case .participants: participants
            case .budget: budget
            }
        }
        set {
            switch kind {
            case .activities: activities = newValue
            case .items: items = newValue
            case .participants: participants = newValue
            case .budget: budget = newValue
            }
        }
    }
}

/// Everything a plan row states as a figure: activities, items, participants and budget (in satang).
public typealias PlanFigures = ByFigureKind<PlannedFigure>

/// Optional amounts of each planned figure kind (nil: no figure, never 0).
public typealias FigureAmounts = ByFigureKind<Int64?>

extension ByFigureKind where Value == PlannedFigure {
    public init() { self.init(repeating: .none) }
}

extension ByFigureKind where Value == Int64? {
    public init() { self.init(repeating: nil) }
}

/// The largest figure a plan row or a progress row may state. Beyond it a figure is a typing
/// mistake, not a plan: refused with its reason. With a plan of at most a million projects
/// (`PlanLoader.maxProjects`) every plan sum stays far inside Int64; progress sums across files
/// are checked as each file merges (`Rollup.canMerge`).
public enum FigureCeiling {
    /// 1,000,000,000 baht, in satang.
    public static let budgetSatang: Int64 = 1_000_000_000_00
    public static let participants: Int64 = 1_000_000
    /// Activities or items of one project in one year.
    public static let count: Int64 = 100_000

    public static func ceiling(_ kind: PlanFigureKind) -> Int64 {
        switch kind {
        case .budget: budgetSatang
        case .participants: participants
        case .activities, .items: count
        }
    }
}
