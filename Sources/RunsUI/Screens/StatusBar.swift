import Foundation
import RunsCore

/// The bottom line: what is shown and what is going on (SPEC §5.4).
enum StatusBar {
  /// Draws segments separated by `·`. When they do not fit, the first one (the source) is cut
  /// to 12 cells, then segments are dropped lowest `priority` first, then the source is cut
  /// further; `? help` sits on the right when there is room.
  static func draw(_ grid: inout Grid, y: Int, segments: [Segment], theme: Theme) {
    guard y >= 0, y < grid.height else { return }
    grid.fill(x: 0, y: y, count: grid.width, style: theme.statusBar)
    var parts = segments.map {
      Segment(TextSanitizer.clean($0.text), $0.style, priority: $0.priority)
    }
    func total() -> Int {
      1 + parts.reduce(0) { $0 + DisplayWidth.of($1.text) } + max(0, parts.count - 1) * 3
    }
    if !parts.isEmpty, total() > grid.width {
      let excess = total() - grid.width
      let width = DisplayWidth.of(parts[0].text)
      parts[0].text = TextLayout.fit(parts[0].text, width: max(min(width, 12), width - excess))
    }
    while parts.count > 1, total() > grid.width {
      let candidates = parts.indices.dropFirst()
      let lowest = candidates.min { parts[$0].priority < parts[$1].priority }!
      parts.remove(at: lowest)
    }
    if total() > grid.width {
      parts[0].text = TextLayout.fit(
        parts[0].text, width: max(1, DisplayWidth.of(parts[0].text) - (total() - grid.width)))
    }
    var line: [Segment] = [Segment(" ", theme.statusBar)]
    for (index, part) in parts.enumerated() {
      if index > 0 { line.append(Segment(" \(theme.glyphs.separator) ", theme.statusBar)) }
      line.append(part)
    }
    let used = grid.write(line, x: 0, y: y, width: grid.width)
    let help = " ? help "
    let helpWidth = DisplayWidth.of(help)
    if used + helpWidth + 1 <= grid.width {
      grid.put(help, x: grid.width - helpWidth, y: y, style: theme.statusBar)
    }
  }

  /// The runs table's segments: source, scope, counts, sort, filter, loading, insecure, problems.
  static func tableSegments(_ state: AppState, _ theme: Theme, now: Date = Date()) -> [Segment] {
    let bar = theme.statusBar
    var segments = [
      Segment(state.sourceDescription, bar), Segment(scopeText(state), bar, priority: 2),
    ]
    let count = state.scopeCount
    var runs = "\(count) run\(count == 1 ? "" : "s")"
    if !state.filterText.isEmpty || state.query != nil {
      runs += ", \(state.model.shown.count) shown"
    }
    segments.append(Segment(runs, bar, priority: 6))
    segments.append(Segment("\(state.selection.count) selected", bar, priority: 4))
    let arrow = state.sort.ascending ? theme.glyphs.sortAscending : theme.glyphs.sortDescending
    segments.append(
      Segment("sort: \(TextSanitizer.clean(state.sort.column.title)) \(arrow)", bar, priority: 3))
    if !state.filterText.isEmpty {
      segments.append(
        Segment("filter: \"\(TextSanitizer.clean(state.filterText))\"", bar, priority: 5))
    }
    if let query = state.query {
      segments.append(Segment("where: \(TextSanitizer.clean(query.text))", bar, priority: 5))
    }
    segments += watchSegments(state, theme, now: now)
    segments += commonSegments(state, theme)
    return segments
  }

  /// `watching · updated HH:MM:SS · N changed`, `offline since HH:MM:SS · retrying`, or
  /// `watch paused` while `w` has it off; nothing before watching was first asked for.
  static func watchSegments(_ state: AppState, _ theme: Theme, now: Date) -> [Segment] {
    let watch = state.watch
    guard watch.available, watch.started else { return [] }
    guard watch.enabled else { return [Segment("watch paused (w)", theme.statusBar, priority: 7)] }
    func clock(_ date: Date) -> String {
      String(TimeText.local(date, timeZone: state.options.timeZone).suffix(8))
    }
    if let offline = watch.offlineSince {
      return [
        Segment("offline since \(clock(offline))", theme.statusBarAlert, priority: 8),
        Segment("retrying", theme.statusBarAlert, priority: 7),
      ]
    }
    var segments = [Segment("watching", theme.statusBar, priority: 7)]
    if let updated = watch.updatedAt {
      segments.append(Segment("updated \(clock(updated))", theme.statusBar, priority: 5))
    }
    let changed = watch.changedCount(at: now)
    if changed > 0 {
      segments.append(Segment("\(changed) changed", theme.statusBarAlert, priority: 7))
    }
    if watch.removedCount > 0 {
      segments.append(Segment("\(watch.removedCount) removed", theme.statusBar, priority: 4))
    }
    return segments
  }

  /// Loading, insecure and problems: shown on every screen.
  static func commonSegments(_ state: AppState, _ theme: Theme) -> [Segment] {
    var segments: [Segment] = []
    if state.loading.isLoading {
      let loaded = state.loading.loaded
      var text =
        state.loading.total.map { "loaded \(loaded) of \($0)" } ?? "loading… \(loaded) loaded"
      if let metrics = state.loading.metrics {
        text = "metrics \(metrics.done) of \(metrics.total) runs"
      }
      segments.append(Segment(text, theme.statusBarAlert, priority: 8))
    }
    if state.loadFailure != nil, !state.runs.isEmpty {
      segments.append(Segment("loading failed: r retries", theme.statusBarAlert, priority: 8))
    }
    if state.insecure { segments.append(Segment("insecure", theme.statusBarAlert, priority: 7)) }
    if !state.problems.isEmpty {
      let count = state.problems.count
      segments.append(
        Segment(
          "\(theme.glyphs.warning) \(count) problem\(count == 1 ? "" : "s")", theme.statusBarAlert,
          priority: 9))
    }
    return segments
  }

  /// `all runs` or `experiment NAME`.
  static func scopeText(_ state: AppState) -> String {
    switch state.scope {
    case .all:
      return "all runs"
    case .experiment(let key):
      let name = state.experiments.first { $0.id == key }?.name ?? key
      return "experiment \(TextSanitizer.clean(name))"
    }
  }
}
