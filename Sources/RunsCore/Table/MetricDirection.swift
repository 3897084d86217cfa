/// Whether a larger value of a metric is better, judged from its name.
public enum MetricDirection {
  /// The words that make a name cost-like (SPEC §5.3), plus a few unambiguous ones
  /// (`cost`, `duration`, `perplexity`, `mape`).
  static let costWords: Set<String> = [
    "loss", "error", "err", "mse", "mae", "rmse", "seconds", "time", "latency",
    "cost", "duration", "perplexity", "mape",
  ]

  /// `false` when the name looks like a cost: one of its words (split at `-`, `_`, `.`,
  /// spaces, digits and lower→upper case changes) is `loss`, `error`, `err`, `mse`, `mae`,
  /// `rmse`, `seconds`, `time`, `latency`, `cost`, `duration`, `perplexity` or `mape`, or ends
  /// in `loss` or `error` (`logloss`); `true` otherwise.
  public static func higherIsBetter(_ metricName: String) -> Bool {
    for word in words(of: metricName) {
      if costWords.contains(word) || word.hasSuffix("loss") || word.hasSuffix("error") {
        return false
      }
    }
    return true
  }

  /// The lowercased words of a name: `valLoss` → `val`, `loss`; `test_rmse-2` → `test`, `rmse`.
  static func words(of name: String) -> [String] {
    var words: [String] = []
    var current = ""
    var previousWasLower = false
    for character in name {
      guard character.isLetter else {
        if !current.isEmpty { words.append(current) }
        current = ""
        previousWasLower = false
        continue
      }
      if character.isUppercase && previousWasLower && !current.isEmpty {
        words.append(current)
        current = ""
      }
      current += character.lowercased()
      previousWasLower = character.isLowercase
    }
    if !current.isEmpty { words.append(current) }
    return words
  }
}
