import RunsCore
import RunsOutput
import Testing

@Suite struct RunListingTests {
  @Test func columnsComeFromTheScopeNotTheFilter() {
    let listing = RunListing(scope: SampleRuns.all, metrics: .top(3), filter: "tuned")
    #expect(listing.runs.map(\.id) == ["id-2"])
    #expect(listing.metricNames == MetricColumns.top(3, in: SampleRuns.all))
    #expect(listing.metricNames.contains("loss"))
    #expect(listing.showsExperiment)
  }

  @Test func metricChoices() {
    #expect(RunListing(scope: SampleRuns.all, metrics: .top(1)).metricNames == ["accuracy"])
    #expect(
      RunListing(scope: SampleRuns.all, metrics: .all).metricNames
        == MetricColumns.all(in: SampleRuns.all))
    #expect(
      RunListing(scope: SampleRuns.all, metrics: .named(["zzz", "loss"])).metricNames == [
        "zzz", "loss",
      ])
  }

  @Test func sortsThenLimits() {
    let order = SortOrder(column: .metric("accuracy"), ascending: false)
    let listing = RunListing(scope: SampleRuns.all, metrics: .top(3), order: order, limit: 2)
    #expect(listing.runs.map(\.id) == ["id-2", "id-1"])
    let byName = RunListing(
      scope: SampleRuns.all, metrics: .top(3), order: SortOrder(column: .name, ascending: true))
    #expect(byName.runs.map(\.id) == ["id-3", "id-1", "id-2"])
  }
}

@Suite struct RunListingOrderTests {
  /// The listing reorders its runs in place; whatever the order, it is the sorter's.
  @Test(arguments: [0, 1, 2, 57, 400])
  func sortedInPlaceAsTheSorterSortsThem(count: Int) {
    var random = SeededRandom(seed: UInt64(count))
    let runs = (0..<count).map { RandomRuns.make($0, using: &random) }
    let orders = [
      SortOrder(column: .metric("loss"), ascending: true),
      SortOrder(column: .name, ascending: false), .default,
    ]
    for order in orders {
      let expected = RunSorter.sort(runs, by: order).map(\.id)
      #expect(RunListing(scope: runs, metrics: .all, order: order).runs.map(\.id) == expected)
      #expect(
        RunListing(scope: runs.map { $0 }, metrics: .all, order: order, limit: count / 2 + 1).runs
          .map(\.id) == Array(expected.prefix(count / 2 + 1)))
    }
  }
}
