/// Which parameters become columns, and their values.
public enum ParameterColumns {
  /// Every parameter name, the ones most runs have first, then by name.
  public static func all(in runs: [Run]) -> [String] {
    var counts: [String: Int] = [:]
    for run in runs {
      var seen = Set<String>()
      for parameter in run.parameters where seen.insert(parameter.name).inserted {
        counts[parameter.name, default: 0] += 1
      }
    }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map(\.key)
  }

  /// The value of parameter `name` in `run` (the first when it is listed twice).
  public static func value(of name: String, in run: Run) -> String? {
    run.parameters.first { $0.name == name }?.value
  }

  /// Whether a parameter value reads as a number (the rule queries use: `0.01`, `1e-3`, `90%`).
  public static func readsAsNumber(_ value: String) -> Bool {
    QueryValueText.number(value) != nil
  }

  /// Whether every run's value of `name` (where it has one) reads as a number: such a column
  /// sorts numerically and aligns right.
  public static func isNumeric(_ name: String, in runs: [Run]) -> Bool {
    runs.allSatisfy { run in
      guard let value = value(of: name, in: run), !value.isEmpty else { return true }
      return QueryValueText.number(value) != nil
    }
  }
}
