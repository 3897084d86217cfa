import Foundation
import RunsCore
import Testing

@testable import RunsUI

/// The details screen of a run with a huge node × metric grid: opening it lays the grid out
/// once; every frame and every scroll key after that costs the visible window only, whatever
/// the grid's size. The budgets are generous (a debug build on a busy CI machine); a frame of
/// the release build is measured by `kfp-runs-bench` (a frame is 16 ms).
@Suite(.serialized) struct DetailsScaleTests {
  /// Per frame (and per key with its frame), in a debug build.
  static let frameBudget = 0.25
  /// Opening the details (laying the grid out once), in a debug build; CI's run under
  /// AddressSanitizer took 20 s for 2,000 × 2,000 while the rest of the suite ran beside it.
  static let openBudget = 60.0

  static func run(names: Int, nodes: Int, entries: Int) -> Run {
    let metrics = (0..<entries).map { index in
      Metric(
        name: "metric-\(index % names)", nodeID: "node-\(index % nodes)",
        value: Double(index) / 7, format: index.isMultiple(of: 3) ? .percentage : .raw)
    }
    return Run(id: "big", name: "big", status: .succeeded, metrics: metrics)
  }

  @Test(arguments: [
    // 100,000 steps, each reporting a differently named metric.
    (100_000, 100_000, 100_000),
    // 2,000 metrics × 2,000 nodes, every fourth cell filled (a 1M-entry run).
    (2_000, 2_000, 1_000_000),
    // One step with 480,000 metrics.
    (480_000, 1, 480_000),
  ])
  func everyFrameCostsTheWindowOnly(names: Int, nodes: Int, entries: Int) throws {
    let big = Self.run(names: names, nodes: nodes, entries: entries)
    var state = Fixture.state(width: 160, height: 40, runs: [big] + Fixture.runs)
    while state.cursorRun?.id != "big" { _ = state.handle(.down) }
    let enter = Self.seconds { _ = state.handle(.enter) }
    #expect(state.topScreen == .details)
    #expect(enter < Self.frameBudget, "Enter took \(enter) s")
    // While the grid is laid out, keys and frames are answered.
    let waiting = Self.seconds {
      _ = state.handle(.down)
      _ = Fixture.render(state)
    }
    #expect(waiting < Self.frameBudget, "a key while laying out took \(waiting) s")
    let open = Self.seconds {
      let deadline = Date().addingTimeInterval(Self.openBudget)
      while state.details?.layout == nil, Date() < deadline { usleep(1_000) }
    }
    #expect(open < Self.openBudget, "laying out took \(open) s")
    _ = state.handle(.home)
    var worst = 0.0
    var screens: [String] = []
    for key in [Key.pageDown, .pageDown, .down, .end, .up, .home] {
      var grid: Grid?
      let seconds = Self.seconds {
        _ = state.handle(key)
        grid = Fixture.render(state)
      }
      worst = max(worst, seconds)
      screens.append(grid.map { $0.lines.joined(separator: "\n") } ?? "")
    }
    // The clock ticks too: a frame with nothing pressed.
    worst = max(worst, Self.seconds { _ = Fixture.render(state) })
    #expect(worst < Self.frameBudget, "a key and its frame took up to \(worst) s")
    print("details \(names)×\(nodes), \(entries) entries: open \(open) s, worst frame \(worst) s")
    // The window moved through the grid: the last row after End, the first after Home.
    #expect(screens[3].contains("metric-\(names - 1) "), "\(screens[3])")
    #expect(screens[5].contains("Metrics per node"), "\(screens[5])")
  }

  static func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }
}
