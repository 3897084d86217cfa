import RunsCore

/// Sorting, filtering and choosing metric columns over a large in-memory run set.
struct InMemoryBenchmark {
  struct Result {
    var runs: Int
    var rounds: Int
    /// `RunSorter.sortedIndices` by a metric, sort keys extracted in the call.
    var sortSeconds: Double
    /// The same sort with the keys already extracted (`RunSortKeys`, as a table holds them).
    var preparedSortSeconds: Double
    /// `[Double].sort()` of the same values.
    var bareSeconds: Double
    var filterSeconds: Double
    var topSeconds: Double
    var sortRatio: Double { sortSeconds / bareSeconds }
    var preparedSortRatio: Double { preparedSortSeconds / bareSeconds }
  }

  let runs: [Run]
  let rounds: Int
  let metric = "accuracy-score"

  func run() -> Result {
    let values = runs.compactMap { $0.value(of: metric) }
    let order = SortOrder(column: .metric(metric), ascending: false)
    var sort: [Double] = []
    var prepared: [Double] = []
    var bare: [Double] = []
    var filter: [Double] = []
    var top: [Double] = []
    var sink = 0
    for _ in 0..<rounds {
      var copy = values
      bare.append(Stopwatch.seconds { copy.sort() })
      sink &+= Int(copy[0] * 1000)

      sort.append(Stopwatch.seconds { sink &+= RunSorter.sortedIndices(runs, by: order)[0] })

      var keys = RunSortKeys(runs: runs)
      keys.prepare(order.column)
      prepared.append(Stopwatch.seconds { sink &+= keys.sortedIndices(by: order)[0] })

      // A needle that matches about one run in five, typed as a person would.
      filter.append(
        Stopwatch.seconds { sink &+= RunFilter.matchingIndices(runs, text: "BERT-lr0.0").count })

      top.append(Stopwatch.seconds { sink &+= MetricColumns.top(3, in: runs).count })
    }
    if sink == 42 { print("") }  // Keeps the results alive.
    return Result(
      runs: runs.count, rounds: rounds, sortSeconds: median(sort),
      preparedSortSeconds: median(prepared), bareSeconds: median(bare),
      filterSeconds: median(filter), topSeconds: median(top))
  }
}
