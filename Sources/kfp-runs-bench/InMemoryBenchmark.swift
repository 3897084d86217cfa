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
    /// The name filter over the names the table keeps (`NameIndex`, what the application does).
    var filterSeconds: Double
    /// The same filter over the `Run` values (`RunFilter`, what `list` and the table did before).
    var listFilterSeconds: Double
    /// The top 3 from the counts the table keeps (`MetricCounts`, what the application does).
    var topSeconds: Double
    /// The same choice counted over the `Run` values (`MetricColumns.top`).
    var listTopSeconds: Double
    /// Building the table's column data (`RunColumns`) for every run, in the directory source's
    /// batches: the one-time cost the fast filter and top 3 are paid with, part of loading.
    var columnsSeconds: Double
    /// A query of four comparisons (two metrics, a parameter, the status) evaluated over the
    /// table's column data, as the application does on Enter; the columns it reads are kept.
    var querySeconds: Double
    /// The same query the first time: the parameter and status columns are built first.
    var firstQuerySeconds: Double
    var sortRatio: Double { sortSeconds / bareSeconds }
    var preparedSortRatio: Double { preparedSortSeconds / bareSeconds }
  }

  let runs: [Run]
  let rounds: Int
  let metric = "accuracy-score"
  /// Four comparisons: two metrics, a parameter and the status.
  static let query =
    "accuracy-score > 90% and loss < 0.5 and learning_rate <= 0.01 and status = Succeeded"
  /// Runs per batch, as the directory source delivers them.
  static let batchSize = 500

  func run() -> Result {
    let values = runs.compactMap { $0.value(of: metric) }
    let order = SortOrder(column: .metric(metric), ascending: false)
    var sort: [Double] = []
    var prepared: [Double] = []
    var bare: [Double] = []
    var filter: [Double] = []
    var listFilter: [Double] = []
    var top: [Double] = []
    var listTop: [Double] = []
    var build: [Double] = []
    var query: [Double] = []
    var firstQuery: [Double] = []
    let compiled = try! Query.compile(
      Self.query,
      names: QueryNames(
        metrics: SyntheticRunMaker.metricNames, parameters: ["learning_rate", "batch_size"]))!
    var columns = RunColumns()
    // The batches as a source delivers them, made before any timing.
    let batches = stride(from: 0, to: runs.count, by: Self.batchSize).map {
      Array(runs[$0..<min($0 + Self.batchSize, runs.count)])
    }
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
      let needle = "BERT-lr0.0"
      listFilter.append(
        Stopwatch.seconds { sink &+= RunFilter.matchingIndices(runs, text: needle).count })
      listTop.append(Stopwatch.seconds { sink &+= MetricColumns.top(3, in: runs).count })

      // Fresh each round, so every round pays the appends (and the old one is freed first).
      columns = RunColumns()
      build.append(Stopwatch.seconds { for batch in batches { columns.append(contentsOf: batch) } })
      filter.append(Stopwatch.seconds { sink &+= columns.names.matchMask(needle).count })
      top.append(Stopwatch.seconds { sink &+= columns.metricCounts.top(3).count })
      // The shown metric columns' values are kept by the table (as for a sort).
      columns.track(metrics: ["accuracy-score", "loss"])
      firstQuery.append(Stopwatch.seconds { sink &+= columns.matchMask(compiled).count })
      query.append(Stopwatch.seconds { sink &+= columns.matchMask(compiled).count })
    }
    if sink == 42 { print("") }  // Keeps the results alive.
    return Result(
      runs: runs.count, rounds: rounds, sortSeconds: median(sort),
      preparedSortSeconds: median(prepared), bareSeconds: median(bare),
      filterSeconds: median(filter), listFilterSeconds: median(listFilter),
      topSeconds: median(top), listTopSeconds: median(listTop), columnsSeconds: median(build),
      querySeconds: median(query), firstQuerySeconds: median(firstQuery))
  }
}
