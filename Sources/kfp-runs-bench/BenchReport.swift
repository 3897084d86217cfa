import Foundation

/// Every measurement of one bench run; a `nil` one was not measured (skipped or not available).
struct BenchReport {
  var cores = ProcessInfo.processInfo.activeProcessorCount
  var load: LoadBenchmark.Result?
  var firstFrames: [FirstFrameBenchmark.Result] = []
  var inMemory: InMemoryBenchmark.Result?
  var frame: FrameBenchmark.Result?
  var watch: [WatchBenchmark.Result] = []
  var directoryWatch: DirectoryWatchBenchmark.Result?
  var details: [DetailsBenchmark.Result] = []
  var kfp2: [KFP2Benchmark.Result] = []
  var kfp2FirstScreen: KFP2FirstScreenBenchmark.Result?
  /// Why a part was not measured, by part.
  var notes: [String] = []

  /// The first frame beyond `echo`, the worst over the tree sizes measured.
  var firstFrameMilliseconds: Double? {
    firstFrames.map(\.beyondEcho).max()
  }

  /// The table a person reads.
  func table() -> String {
    var rows: [[String]] = [["target", "measured", "baseline", "figure", "goal", "met"]]
    if let load {
      rows.append([
        "list \(count(load.runs)) runs (csv, all metrics, sorted)",
        seconds(load.listSeconds), "find+cat " + seconds(load.findSeconds),
        ratio(load.ratio), "≤ 1.0×", verdict(load.ratio <= 1.0),
      ])
      rows.append([
        "peak memory of that list", megabytes(load.peakBytes),
        load.peakIsUpperBound ? "upper bound (wait4)" : "/usr/bin/time",
        "\(Int(load.bytesPerRun.rounded())) B/run", "≤ 4000 B/run",
        verdict(load.bytesPerRun <= 4000),
      ])
      rows.append([
        "of which before any run (empty directory)", megabytes(load.startPeakBytes), "-",
        "runs: \(Int(load.loadedBytesPerRun.rounded())) B/run", "-", "-",
      ])
    }
    for first in firstFrames {
      rows.append([
        "first frame, \(count(first.runs)) runs", milliseconds(first.appMilliseconds),
        "echo " + milliseconds(first.echoMilliseconds),
        "+" + milliseconds(first.beyondEcho), "≤ +150 ms", verdict(first.beyondEcho <= 150),
      ])
      if let key = first.keyMilliseconds {
        rows.append([
          "key (?) while loading, \(count(first.runs)) runs", milliseconds(key), "-",
          "\(first.keysWhileLoading)/\(first.rounds) while loading", "answers",
          verdict(first.keysWhileLoading > 0),
        ])
      }
      rows.append([
        "application loads \(count(first.runs)) runs",
        first.loadSeconds.map(seconds) ?? "> " + seconds(first.loadLimit),
        first.listSeconds.map { "list " + seconds($0) } ?? "-",
        "-", "progress shown", "-",
      ])
    }
    if let memory = inMemory {
      let n = count(memory.runs)
      rows.append([
        "sort \(n) runs by a metric", milliseconds(memory.sortSeconds * 1000),
        "[Double].sort " + milliseconds(memory.bareSeconds * 1000), ratio(memory.sortRatio),
        "≤ 2.0×", verdict(memory.sortRatio <= 2),
      ])
      rows.append([
        "re-sort \(n) runs, keys kept", milliseconds(memory.preparedSortSeconds * 1000),
        "[Double].sort " + milliseconds(memory.bareSeconds * 1000),
        ratio(memory.preparedSortRatio), "≤ 2.0×", verdict(memory.preparedSortRatio <= 2),
      ])
      // "Well under a frame's budget": at most half a frame, so the frame drawn
      // after it fits in the same 16.7 ms.
      for (name, seconds, before, beforeSeconds) in [
        (
          "name filter over \(n) runs (table's names)", memory.filterSeconds,
          "name filter over \(n) Run values", memory.listFilterSeconds
        ),
        (
          "top-3 metric columns of \(n) runs (counts)", memory.topSeconds,
          "top-3 counted over \(n) Run values", memory.listTopSeconds
        ),
      ] {
        rows.append([
          name, milliseconds(seconds * 1000), "frame 16.7 ms", ratio(seconds * 1000 / 16.7),
          "≤ 0.5× (well under)", verdict(seconds * 1000 / 16.7 <= 0.5),
        ])
        rows.append([
          before, milliseconds(beforeSeconds * 1000), "frame 16.7 ms",
          ratio(beforeSeconds * 1000 / 16.7), "(list, before)", "-",
        ])
      }
      let query = memory.querySeconds * 1000
      rows.append([
        "query of 4 comparisons over \(n) runs", milliseconds(query), "frame 16.7 ms",
        ratio(query / 16.7), "≤ 0.5× (8 ms)", verdict(query / 16.7 <= 0.5),
      ])
      rows.append([
        "the same query, first time (builds 2 columns)",
        milliseconds(memory.firstQuerySeconds * 1000), "frame 16.7 ms",
        ratio(memory.firstQuerySeconds * 1000 / 16.7), "once per column", "-",
      ])
      rows.append([
        "column data for \(n) runs, built in batches", milliseconds(memory.columnsSeconds * 1000),
        "-", "-", "once, while loading", "-",
      ])
    }
    if let frame {
      rows.append([
        "frame 160×40, \(count(frame.largeRuns)) runs", milliseconds(frame.largeSeconds * 1000),
        "\(count(frame.smallRuns)) runs " + milliseconds(frame.smallSeconds * 1000),
        ratio(frame.ratio), "≤ 1.5×", verdict(frame.ratio <= 1.5),
      ])
      let n = count(frame.largeRuns)
      for (name, seconds) in [
        ("key j + frame", frame.downSeconds), ("key s on a metric + frame", frame.sortSeconds),
        ("filter: 1st character + frame", frame.filterSeconds),
      ] {
        rows.append([
          "\(name), \(n) runs", milliseconds(seconds * 1000), "frame 16.7 ms",
          ratio(seconds * 1000 / 16.7), "aim ≤ 50 ms", verdict(seconds * 1000 <= 50),
        ])
      }
      rows.append([
        "plot frame 160×40, \(n) runs", milliseconds(frame.plotLargeSeconds * 1000),
        "\(count(frame.smallRuns)) runs " + milliseconds(frame.plotSmallSeconds * 1000),
        ratio(frame.plotRatio), "≤ 1.5×", verdict(frame.plotRatio <= 1.5),
      ])
      rows.append([
        "key p (bin \(n) runs) + frame", milliseconds(frame.plotOpenSeconds * 1000), "-", "-",
        "once per change", "-",
      ])
      rows.append([
        "table takes \(n) loaded runs, one batch", milliseconds(frame.receiveSeconds * 1000), "-",
        "-", "-", "-",
      ])
      rows.append([
        "table takes \(n) runs in 500-run batches",
        milliseconds(frame.batchedReceiveSeconds * 1000), "-", "-", "-", "-",
      ])
    }
    if let result = directoryWatch {
      let n = count(result.runs)
      rows.append([
        "watch: \(n) unchanged runs, CPU over \(Int(result.window)) s (notifications)",
        String(format: "%.2f%% of a core", result.notificationsShare * 100), "-", "-", "< 2%",
        verdict(result.notificationsShare < 0.02),
      ])
      rows.append([
        "  the same, scanning every \(Int(result.scanInterval)) s",
        String(format: "%.2f%% of a core", result.scanningShare * 100), "-", "-", "-", "-",
      ])
      rows.append([
        "watch: one stat-only scan of \(n) runs", milliseconds(result.scanSeconds * 1000),
        "load " + milliseconds(result.loadSeconds * 1000), ratio(result.scanRatio), "≤ 0.3×",
        verdict(result.scanRatio <= 0.3),
      ])
      rows.append([
        "watch: a metrics file written → its update (notifications)",
        milliseconds(result.latencySeconds * 1000), "-", "-", "≤ 500 ms",
        verdict(result.latencySeconds <= 0.5),
      ])
    }
    for result in watch {
      rows.append([
        "watch: 1 changed run into \(count(result.runs)), sorted by \(result.sortedBy)",
        milliseconds(result.applySeconds * 1000),
        "rebuild " + milliseconds(result.rebuildSeconds * 1000),
        String(format: "%.5f×", result.ratio),
        "≤ 2 ms", verdict(result.applySeconds * 1000 <= 2),
      ])
    }
    for result in details {
      rows.append([
        "details key + frame, \(result.shape.label)", milliseconds(result.keySeconds * 1000),
        "frame 16.7 ms", ratio(result.keySeconds * 1000 / 16.7), "≤ 1.0×",
        verdict(result.keySeconds * 1000 <= 16.7),
      ])
      rows.append([
        "  its worst key + frame", milliseconds(result.worstKeySeconds * 1000), "frame 16.7 ms",
        ratio(result.worstKeySeconds * 1000 / 16.7), "≤ 1.0×",
        verdict(result.worstKeySeconds * 1000 <= 16.7),
      ])
      rows.append([
        "  Enter on it", milliseconds(result.openSeconds * 1000), "frame 16.7 ms",
        ratio(result.openSeconds * 1000 / 16.7), "≤ 1.0×",
        verdict(result.openSeconds * 1000 <= 16.7),
      ])
      rows.append([
        "  its grid laid out (off the input thread)", milliseconds(result.layoutSeconds * 1000),
        "-", "-", "-", "-",
      ])
    }
    for result in kfp2 {
      let delay = result.delayMilliseconds == 0 ? "" : ", MLMD +\(result.delayMilliseconds) ms"
      rows.append([
        "kfp2: list --all-metrics, \(count(result.runs)) v2 runs\(delay)",
        seconds(result.listSeconds), "UI's sequence " + seconds(result.uiSeconds),
        ratio(result.ratio), "≤ 0.5× (aim 0.25×)", verdict(result.ratio <= 0.5),
      ])
      rows.append([
        "  MLMD requests per run (REST in all)",
        String(format: "%.2f (%d)", result.listMLMDPerRun, result.listREST),
        String(format: "UI's %.2f (%d)", result.uiMLMDPerRun, result.uiREST), "-", "< 4",
        verdict(result.listMLMDPerRun < 4),
      ])
    }
    if let first = kfp2FirstScreen {
      rows.append([
        "kfp2: first page sent → runs on screen, \(count(first.runs)) runs",
        milliseconds(first.firstScreenMilliseconds), "-", "-", "≤ 150 ms",
        verdict(first.firstScreenMilliseconds <= 150),
      ])
      rows.append([
        "  start → all metrics in", first.metricsSeconds.map(seconds) ?? "not within 60 s", "-",
        "-", "-", "-",
      ])
    }
    var text = layout(rows)
    text += "machine: \(cores) cores"
    if let load { text += "; \(load.rounds) rounds, medians" }
    text += "\n"
    for note in notes { text += "note: \(note)\n" }
    return text
  }

  /// One JSON object on one line; ratios as numbers, `null` for what was not measured.
  func json() -> String {
    let fields: [(String, Double?)] = [
      ("cores", Double(cores)),
      ("runs", load.map { Double($0.runs) }),
      ("load_vs_cat", load?.ratio),
      ("list_seconds", load?.listSeconds),
      ("cat_seconds", load?.findSeconds),
      ("bytes_per_run", load.map { $0.bytesPerRun.rounded() }),
      ("start_peak_bytes", load.map { Double($0.startPeakBytes) }),
      ("loaded_bytes_per_run", load.map { $0.loadedBytesPerRun.rounded() }),
      ("first_frame_ms", firstFrameMilliseconds),
      ("first_frame_10k_ms", firstFrames.first { $0.runs == 10_000 }?.beyondEcho),
      ("first_frame_100k_ms", firstFrames.first { $0.runs == 100_000 }?.beyondEcho),
      ("key_while_loading_ms", firstFrames.compactMap(\.keyMilliseconds).max()),
      ("app_load_10k_seconds", firstFrames.first { $0.runs == 10_000 }?.loadSeconds),
      ("app_load_100k_seconds", firstFrames.first { $0.runs == 100_000 }?.loadSeconds),
      ("sort_1m_vs_bare", inMemory?.sortRatio),
      ("sort_1m_prepared_vs_bare", inMemory?.preparedSortRatio),
      ("filter_1m_ms", inMemory.map { $0.filterSeconds * 1000 }),
      ("filter_1m_runs_ms", inMemory.map { $0.listFilterSeconds * 1000 }),
      ("top3_1m_ms", inMemory.map { $0.topSeconds * 1000 }),
      ("top3_1m_runs_ms", inMemory.map { $0.listTopSeconds * 1000 }),
      ("columns_1m_ms", inMemory.map { $0.columnsSeconds * 1000 }),
      ("query_1m_ms", inMemory.map { $0.querySeconds * 1000 }),
      ("query_first_1m_ms", inMemory.map { $0.firstQuerySeconds * 1000 }),
      ("details_key_worst_ms", details.map(\.worstKeySeconds).max().map { $0 * 1000 }),
      ("details_layout_worst_ms", details.map(\.layoutSeconds).max().map { $0 * 1000 }),
      ("frame_1k_ms", frame.map { $0.smallSeconds * 1000 }),
      ("frame_1m_ms", frame.map { $0.largeSeconds * 1000 }),
      ("frame_1m_vs_1k", frame?.ratio),
      ("plot_frame_1m_vs_1k", frame?.plotRatio),
      ("plot_open_1m_ms", frame.map { $0.plotOpenSeconds * 1000 }),
      ("key_down_1m_ms", frame.map { $0.downSeconds * 1000 }),
      ("key_sort_1m_ms", frame.map { $0.sortSeconds * 1000 }),
      ("key_filter_1m_ms", frame.map { $0.filterSeconds * 1000 }),
      ("receive_1m_ms", frame.map { $0.receiveSeconds * 1000 }),
      ("receive_1m_batches_ms", frame.map { $0.batchedReceiveSeconds * 1000 }),
      ("watch_idle_cpu_share", directoryWatch?.notificationsShare),
      ("watch_idle_scan_cpu_share", directoryWatch?.scanningShare),
      ("watch_scan_vs_load", directoryWatch?.scanRatio),
      ("watch_latency_ms", directoryWatch.map { $0.latencySeconds * 1000 }),
      ("watch_apply_1m_ms", watch.first.map { $0.applySeconds * 1000 }),
      ("watch_apply_1m_vs_rebuild", watch.first?.ratio),
      ("watch_apply_1m_metric_sort_ms", watch.last.map { $0.applySeconds * 1000 }),
      ("kfp2_runs", kfp2.first.map { Double($0.runs) }),
      ("kfp2_list_vs_ui", kfp2.first { $0.delayMilliseconds == 0 }?.ratio),
      ("kfp2_list_seconds", kfp2.first { $0.delayMilliseconds == 0 }?.listSeconds),
      ("kfp2_ui_seconds", kfp2.first { $0.delayMilliseconds == 0 }?.uiSeconds),
      (
        "kfp2_delayed_ms",
        kfp2.last { $0.delayMilliseconds > 0 }.map { Double($0.delayMilliseconds) }
      ),
      ("kfp2_delayed_list_vs_ui", kfp2.last { $0.delayMilliseconds > 0 }?.ratio),
      ("kfp2_mlmd_requests_per_run", kfp2.first?.listMLMDPerRun),
      ("kfp2_ui_mlmd_requests_per_run", kfp2.first?.uiMLMDPerRun),
      ("kfp2_first_screen_ms", kfp2FirstScreen?.firstScreenMilliseconds),
      ("kfp2_app_metrics_seconds", kfp2FirstScreen?.metricsSeconds),
    ]
    let body = fields.map { name, value in
      "\"\(name)\": " + (value.map { number($0) } ?? "null")
    }
    return "{" + body.joined(separator: ", ") + "}"
  }

  private func number(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    return value == value.rounded() && abs(value) < 1e15
      ? String(Int(value)) : String(format: "%.4f", value)
  }

  private func layout(_ rows: [[String]]) -> String {
    var widths = [Int](repeating: 0, count: rows[0].count)
    for row in rows {
      for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
    }
    return rows.map { row in
      row.enumerated().map { column, cell in
        cell + String(repeating: " ", count: widths[column] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }

  private func verdict(_ met: Bool) -> String { met ? "yes" : "NO" }
  private func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }
  private func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
  private func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value) }
  private func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MB", Double(bytes) / 1_000_000)
  }
  private func count(_ runs: Int) -> String {
    runs >= 1_000_000 && runs % 1_000_000 == 0
      ? "\(runs / 1_000_000)M" : runs >= 1000 && runs % 1000 == 0 ? "\(runs / 1000)k" : "\(runs)"
  }
}
