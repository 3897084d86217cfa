import RunsCore

/// A parameter column's widest value over the scope and whether every value reads as a
/// number (then it aligns right, and sorts numerically).
struct ParameterColumnInfo: Sendable, Hashable {
  var name: String
  var valueWidth = 0
  var numeric = true
}

extension AppState {
  /// The prefix that marks a parameter among the metric picker's items.
  static let parameterItemPrefix = "param:"

  /// Folds the runs `added` into the parameter columns' widths, or all of the scope when
  /// `added` is `nil` (the columns or the scope changed).
  mutating func rebuildParameterColumns(adding added: [Int]?) {
    let names = chosenParameters
    var infos = model.parameterInfo
    if added == nil || infos.map(\.name) != names {
      infos = names.map { ParameterColumnInfo(name: $0) }
    }
    guard !infos.isEmpty else {
      model.parameterInfo = []
      return
    }
    let indices = added ?? model.scope ?? Array(runs.indices)
    runs.withUnsafeBufferPointer { runs in
      for index in indices {
        for column in infos.indices {
          guard let value = ParameterColumns.value(of: infos[column].name, in: runs[index]),
            !value.isEmpty
          else { continue }
          if infos[column].valueWidth < Self.parameterWidthCap {
            infos[column].valueWidth = min(
              Self.parameterWidthCap,
              max(infos[column].valueWidth, DisplayWidth.of(TextSanitizer.clean(value))))
          }
          if infos[column].numeric, !ParameterColumns.readsAsNumber(value) {
            infos[column].numeric = false
          }
        }
      }
    }
    model.parameterInfo = infos
  }

  /// The widest a parameter column gets.
  static let parameterWidthCap = 24

  /// The metric picker's items for parameters: every parameter of the scope with how many
  /// runs have it, after the metrics.
  func parameterPickerItems() -> [(name: String, count: Int)] {
    var counts: [String: Int] = [:]
    runs.withUnsafeBufferPointer { runs in
      for index in model.scope ?? Array(runs.indices) {
        var seen = Set<String>()
        for parameter in runs[index].parameters where seen.insert(parameter.name).inserted {
          counts[parameter.name, default: 0] += 1
        }
      }
    }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map { (Self.parameterItemPrefix + $0.key, $0.value) }
  }
}
