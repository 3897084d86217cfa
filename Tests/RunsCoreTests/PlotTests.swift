import Foundation
import Testing

@testable import RunsCore

@Suite struct PlotRasterTests {
  @Test func dotsLandOnTheBrailleBitsOfTheirCells() {
    // 2 × 1 cells are 4 × 4 dots: (0, 0) is the bottom-left dot, (1, 1) the top-right one.
    var raster = PlotRaster(columns: 2, rows: 1)
    let bottomLeft = raster.dot(0, 0)
    let topRight = raster.dot(1, 1)
    #expect(bottomLeft == (0, 3))
    #expect(topRight == (3, 0))
    raster.add(x: bottomLeft.x, y: bottomLeft.y, highlighted: false)
    raster.add(x: topRight.x, y: topRight.y, highlighted: true)
    #expect(raster.dots == [0x40, 0x08])
    #expect(raster.highlighted == [0, 0x08])
    #expect(PlotRaster.braille(0x40) == "⡀")
    #expect(PlotRaster.braille(0x08) == "⠈")
    #expect(PlotRaster.braille(0xFF) == "⣿")
  }

  @Test func manyRunsOnOneDotAreOnePoint() {
    let runs = (0..<1_000).map { Run(id: "r\($0)", name: "r", metrics: [loss(0.5), acc(0.5)]) }
    let points = PlotPoints(
      runs: runs, indices: runs.indices, x: .metric("loss"), y: .metric("acc"))
    let raster = PlotRaster(points, columns: 3, rows: 2)
    #expect(raster.dots.filter { $0 != 0 }.count == 1)
    #expect(raster.dots.map { $0.nonzeroBitCount }.reduce(0, +) == 1)
  }
}

@Suite struct PlotPointsTests {
  @Test func runsWithoutEitherValueAreCountedNotPlaced() {
    let runs = [
      Run(id: "a", name: "a", metrics: [loss(0.1), acc(0.9)]),
      Run(id: "b", name: "b", metrics: [loss(0.2)]),
      Run(id: "c", name: "c", metrics: [acc(0.8)]),
      Run(
        id: "d", name: "d",
        metrics: [Metric(name: "loss", nodeID: "n", value: .nan, format: .raw), acc(0.7)]),
      Run(id: "e", name: "e", metrics: [loss(0.3), acc(0.6)]),
    ]
    let points = PlotPoints(
      runs: runs, indices: runs.indices, x: .metric("loss"), y: .metric("acc"))
    #expect(points.runIndices == [0, 4])
    #expect(points.missing == 3)
    #expect(points.xPositions == [0, 1])
    #expect(points.yPositions == [1, 0])
    #expect(points.title == "acc vs loss · 2 runs · 3 without loss or acc")
  }

  @Test func aSingleRunSitsInTheMiddle() {
    let runs = [
      Run(id: "a", name: "a", createdAt: Date(timeIntervalSince1970: 1e9), metrics: [acc(0.9)])
    ]
    let points = PlotPoints(runs: runs, indices: [0], x: .created, y: .metric("acc"))
    #expect(points.xPositions == [0.5])
    #expect(points.yPositions == [0.5])
    let log = PlotPoints(runs: runs, indices: [0], x: .created, y: .metric("acc"), logY: true)
    #expect(abs(log.yPositions[0] - 0.5) < 1e-12)
  }

  @Test func aLogScaleLeavesOutZeroAndNegativeValuesAndSaysSo() {
    let runs = [0.0, -1, 0.01, 0.1, 1, 10].enumerated().map { index, value in
      Run(id: "\(index)", name: "\(index)", metrics: [loss(value), acc(Double(index))])
    }
    let points = PlotPoints(
      runs: runs, indices: runs.indices, x: .metric("acc"), y: .metric("loss"), logY: true)
    #expect(points.runIndices == [2, 3, 4, 5])
    #expect(points.notPositive == 2)
    // Decades are evenly spaced.
    for (position, expected) in zip(points.yPositions, [0.0, 1.0 / 3, 2.0 / 3, 1] as [Double]) {
      #expect(abs(position - expected) < 1e-12)
    }
    #expect(points.title.hasSuffix("· 2 not positive (log)"))
  }

  @Test func positionsAreFiniteAndInRangeWhateverTheValues() {
    let values = [0.0, -0.0, 1e-300, 5e-324, 1e300, -1e300, 0.5, 0.5]
    let runs = values.enumerated().map { index, value in
      Run(
        id: "\(index)", name: "\(index)", parameters: [Parameter(name: "p", value: "\(value)")],
        metrics: [loss(value), acc(0.5)])
    }
    for logX in [false, true] {
      for x: PlotAxis in [.metric("loss"), .parameter("p")] {
        let points = PlotPoints(
          runs: runs, indices: runs.indices, x: x, y: .metric("acc"), logX: logX)
        for position in points.xPositions + points.yPositions {
          #expect(position.isFinite && position >= 0 && position <= 1, "\(x) log \(logX)")
        }
      }
    }
  }

  @Test func parametersCountOnlyWhenTheyAreDecimalNumbers() {
    let texts = ["0.1", " 2 ", "-3e-2", "nan", "inf", "0x10", "adam", ""]
    let runs = texts.enumerated().map { index, text in
      Run(id: "\(index)", name: "\(index)", parameters: [Parameter(name: "p", value: text)])
    }
    #expect(
      runs.map { PlotAxis.parameter("p").value(of: $0) } == [
        0.1, 2, -0.03, nil, nil, nil, nil, nil,
      ])
  }
}

@Suite struct PlotAxisTests {
  @Test func namesResolveToAxesWithPrefixesForSharedNames() {
    let runs = [
      Run(
        id: "a", name: "a",
        parameters: [Parameter(name: "lr", value: "0.1"), Parameter(name: "loss", value: "1")],
        metrics: [loss(0.5)])
    ]
    let choices = PlotAxis.choices(metrics: ["loss"], runs: runs)
    #expect(
      choices == [.created, .duration, .metric("loss"), .parameter("loss"), .parameter("lr")])
    #expect(PlotAxis.resolve("lr", among: choices) == .parameter("lr"))
    #expect(PlotAxis.resolve("loss", among: choices) == .metric("loss"))
    #expect(PlotAxis.resolve("param:loss", among: choices) == .parameter("loss"))
    #expect(PlotAxis.resolve("created", among: choices) == .created)
    #expect(PlotAxis.resolve("accuracy", among: choices) == nil)
    #expect(PlotAxis.resolve("metric:lr", among: choices) == nil)
  }
}

@Suite struct PlotTickTests {
  let utc = TimeZone(identifier: "UTC")!

  @Test func linearTicksAreRoundAndLabelledAsTheKFPUIFormats() {
    let scale = PlotScale(axis: .metric("acc"), log: false, min: 0.13, max: 0.91)
    let ticks = scale.ticks(count: 4, format: .percentage, timeZone: utc)
    #expect(ticks.map(\.label) == ["20.000%", "40.000%", "60.000%", "80.000%"])
    #expect(ticks.map(\.value) == [0.2, 0.4, 0.6, 0.8])
    let raw = PlotScale(axis: .metric("loss"), log: false, min: 0, max: 0.3)
    #expect(
      raw.ticks(count: 3, format: .raw, timeZone: utc).map(\.label) == [
        "0.000", "0.100", "0.200", "0.300",
      ])
  }

  @Test func logTicksArePowersOfTenOrTheirShortestTextWhenKFPTextRepeats() {
    let scale = PlotScale(axis: .metric("loss"), log: true, min: 1, max: 1000)
    #expect(
      scale.ticks(count: 5, format: .raw, timeZone: utc).map(\.label) == [
        "1.000", "10.000", "100.000", "1000.000",
      ])
    let tiny = PlotScale(axis: .metric("loss"), log: true, min: 1e-6, max: 1e-4)
    #expect(
      tiny.ticks(count: 5, format: .raw, timeZone: utc).map(\.label) == [
        "0.000001", "0.00001", "0.0001",
      ])
    let narrow = PlotScale(axis: .metric("loss"), log: true, min: 1.5, max: 6)
    #expect(narrow.ticks(count: 5, format: .raw, timeZone: utc).map(\.value) == [2, 5])
  }

  @Test func dateTicksFallOnMidnightAndDurationsReadAsClockTime() {
    let start = 1_775_034_000.0  // 2026-04-01 09:00 UTC
    let dates = PlotScale(axis: .created, log: false, min: start, max: start + 4 * 86_400)
    let ticks = dates.ticks(count: 4, format: .unspecified, timeZone: utc)
    #expect(ticks.map(\.label) == ["04-02", "04-03", "04-04", "04-05"])
    let hours = PlotScale(axis: .created, log: false, min: start, max: start + 3 * 3_600)
    #expect(
      hours.ticks(count: 3, format: .unspecified, timeZone: utc).map(\.label) == [
        "04-01 09:00", "04-01 10:00", "04-01 11:00", "04-01 12:00",
      ])
    let durations = PlotScale(axis: .duration, log: false, min: 100, max: 3_700)
    #expect(
      durations.ticks(count: 3, format: .unspecified, timeZone: utc).map(\.label) == [
        "0:30:00", "1:00:00",
      ])
  }

  @Test func multiplesOfADecimalStepComeOutRound() {
    #expect(PlotScale.multiple(3, of: 0.1) == 0.3)
    #expect(PlotScale.multiple(7, of: 0.02) == 0.14)
    #expect(PlotScale.multiple(3, of: 20) == 60)
  }
}

private func loss(_ value: Double) -> Metric {
  Metric(name: "loss", nodeID: "train", value: value, format: .raw)
}

private func acc(_ value: Double) -> Metric {
  Metric(name: "acc", nodeID: "train", value: value, format: .percentage)
}
