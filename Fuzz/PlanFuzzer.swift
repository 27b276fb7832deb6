import Glibc
import PlanRollup

/// A scratch plan folder for this fuzzing process.
private let planFolder = scratchFolder("plan")

/// libFuzzer entry point for the plan loader over arbitrary bytes as a plan file: it must answer (a
/// plan with its issues, or a refusal), never crash or hang, and what it loads must hold together:
/// ids unique, every parent a project of the plan, no project its own ancestor.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = planFolder + "/plan_fuzz.csv"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    require(fd >= 0, "cannot write \(path)")
    require(write(fd, data, size) == size, "short write")
    close(fd)
    guard let plan = try? PlanLoader().load(folder: planFolder) else { return 0 }
    require(Set(plan.projects.map(\.id)).count == plan.projects.count, "duplicate project ids")
    for project in plan.projects {
        var seen = 0
        var parent = project.parentID
        while let id = parent {
            require(plan[id] != nil, "\(project.id)'s parent \(id) is not in the plan")
            seen += 1
            require(seen <= plan.projects.count, "\(project.id) is its own ancestor")
            parent = plan[id]?.parentID
        }
        for child in plan.children(of: project.id) {
            require(plan[child]?.parentID == project.id, "\(child) listed under \(project.id) has another parent")
        }
    }
    return 0
}
