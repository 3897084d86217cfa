import Foundation
import RunsCore

/// Everything the application knows: the runs, what the user chose (scope, filter, sort,
/// selection, columns, screens) and what loading reported. Keys change it through `handle`,
/// loaded batches through `receive`; `Screen.render` draws it.
///
/// Derived data (the scope, metric columns, sorted and filtered order, column widths) is
/// recomputed only when its inputs change, so drawing a frame costs the same for a thousand
/// runs as for a million.
public struct AppState: Sendable {
  // MARK: Source

  /// Where the runs come from, as the status bar shows it (never with a token).
  public let sourceDescription: String
  /// The kind of source (for the empty-table message).
  public let sourceKind: SourceKind
  /// TLS verification is off (`--insecure`): the status bar says so.
  public var insecure: Bool
  /// Colour, glyphs and time zone.
  public var options: RenderOptions

  // MARK: Data

  /// Every run loaded, in the order they arrived (held with their column data by the model).
  public var runs: [Run] { model.columns.runs }
  /// Run id → index in `runs`.
  var indexByID: [String: Int] = [:]
  /// The experiments the source knows or the runs name, each once.
  public internal(set) var experiments: [ExperimentRef] = []
  var experimentIDs: Set<String> = []
  /// Every problem met while loading, each once, in the order met.
  public internal(set) var problems: [Problem] = []
  var problemSet: Set<Problem> = []
  /// Loading progress.
  public internal(set) var loading: LoadingProgress
  /// Why the last load stopped short (source unreadable, a page failed); `r` retries.
  public internal(set) var loadFailure: Problem?
  /// Set by reload: the next batches replace the runs (runs missing at the end are dropped).
  var replacing = false
  /// The problems on record came from the load before the reload under way.
  var problemsFromPreviousLoad = false
  var seenDuringReload: Set<String> = []

  // MARK: What the user chose

  /// Which runs the table shows.
  public internal(set) var scope: Scope
  /// The run-name filter.
  public internal(set) var filterText: String
  /// The sort.
  public internal(set) var sort: RunsCore.SortOrder
  /// Selected run ids (kept across sorting, filtering and reloading).
  public internal(set) var selection: Set<String> = []
  /// The run under the cursor, by id, so the cursor stays on its run when the order changes.
  public internal(set) var cursorRunID: String?
  /// The cursor's row in `shownIndices`.
  public internal(set) var cursor = 0
  /// The column under the column cursor.
  public internal(set) var columnCursor: Column = .name
  /// Metric columns chosen with `m` or `--metrics`; `nil` means the top 3 by prevalence.
  public internal(set) var chosenMetrics: [String]?
  /// Parameter columns chosen with `m`, after the metric columns.
  public internal(set) var chosenParameters: [String] = []
  /// Whether metric cells show bars.
  public internal(set) var barsOn = true
  /// The screen stack; the last one is on top. The runs table is always at the bottom.
  public internal(set) var screens: [ScreenID] = [.table]

  // MARK: View positions

  /// Terminal size, from `.resize` keys.
  public internal(set) var width: Int
  /// Terminal height, from `.resize` keys.
  public internal(set) var height: Int
  /// The first table row shown.
  var firstRow = 0
  /// The first metric column shown (metric columns scroll horizontally).
  var firstMetricColumn = 0

  var compare: CompareState?
  var details: DetailsState?
  var helpFirstRow = 0
  /// The problem under the cursor in the problems list (the list scrolls by problem, so it
  /// is also the first one shown).
  var problemsCursor = 0
  /// The problems list shows the cursor problem's location in full.
  var problemsShowPath = false
  var experimentPicker: ExperimentPickerState?
  var metricPicker: MetricPickerState?
  /// The plot screen's state, while it is open.
  var plot: PlotState?
  /// Watching the source live (`--watch`, `w`) and the change markers.
  public internal(set) var watch = WatchState()
  /// The `>` prompt, while it is open.
  var exportPrompt: ExportPromptState?
  /// What the last export wrote, for the message once the file is written.
  var lastExportSummary = ""
  /// A one-time message for the status bar (a file written, an id copied); the next key clears it.
  public internal(set) var message: String?
  /// The time now, for default file names (tests fix it).
  public var clock: @Sendable () -> Date = { Date() }
  /// The filter text before `/` was pressed.
  var filterBeforeInput = ""
  /// The query in force (`f`, `--where`); `nil` for none.
  public internal(set) var query: Query?
  /// A `--where` text waiting for the names it uses to arrive.
  var pendingQuery: String?
  /// The query prompt while it is open.
  var queryPrompt: QueryPromptState?
  /// Queries kept with Enter this session, oldest first (↑/↓ in the prompt).
  var queryHistory: [String] = []
  /// Parameter names seen in runs `0..<count` (see `queryNames`).
  var queryParameterNames: (count: Int, names: Set<String>) = (0, [])

  // MARK: Derived

  var model = TableModel()

  /// Creates the state before any run has arrived.
  /// - Parameters:
  ///   - sourceDescription: the source as the status bar shows it (no credentials).
  ///   - sourceKind: directory, JSON file, server or demo.
  ///   - sort: the initial sort (`--sort`).
  ///   - filter: the initial filter (`--filter`).
  ///   - query: the initial query (`--where`), applied once the runs it names arrive.
  ///   - metrics: metric columns (`--metrics`); `nil` for the top 3.
  ///   - experiment: the initial scope, an experiment name or id (`--experiment`).
  ///   - insecure: TLS verification is off.
  ///   - loading: whether a load is under way (the status bar shows progress).
  ///   - options: colour, glyphs, time zone.
  ///   - width: the terminal width.
  ///   - height: the terminal height.
  public init(
    sourceDescription: String, sourceKind: SourceKind = .directory,
    sort: RunsCore.SortOrder = .default, filter: String = "", query: String? = nil,
    metrics: [String]? = nil,
    experiment: String? = nil, insecure: Bool = false, loading: Bool = true,
    options: RenderOptions = RenderOptions(), width: Int = 80, height: Int = 24
  ) {
    self.sourceDescription = TextSanitizer.clean(sourceDescription)
    self.sourceKind = sourceKind
    self.sort = sort
    self.filterText = filter
    self.pendingQuery = query.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
    self.chosenMetrics = metrics.flatMap { $0.isEmpty ? nil : $0 }
    self.scope = experiment.map { .experiment($0) } ?? .all
    self.insecure = insecure
    self.loading = LoadingProgress(isLoading: loading)
    self.options = options
    self.width = max(0, width)
    self.height = max(0, height)
    rebuild(.scope)
  }

  // MARK: Convenience views

  /// The screen on top.
  public var topScreen: ScreenID { screens.last ?? .table }

  /// Indices into `runs` of the rows the table shows, in order (scope, sort, filter applied).
  public var shownIndices: [Int] { model.shown }

  /// How many runs are in the scope (before the filter).
  public var scopeCount: Int { model.sorted.count }

  /// The metric columns the table shows (chosen or top 3), before any is hidden for width.
  public var metricColumns: [String] { model.metricColumns }

  /// The run under the cursor.
  public var cursorRun: Run? {
    guard cursor >= 0, cursor < model.shown.count else { return nil }
    return runs[model.shown[cursor]]
  }

  /// The run with `id`.
  public func run(id: String) -> Run? {
    indexByID[id].map { runs[$0] }
  }

  /// Rows of the runs table that fit between the header and the status bar.
  var tableRows: Int { max(0, height - 2) }
}
