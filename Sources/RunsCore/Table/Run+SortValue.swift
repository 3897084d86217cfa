extension Run {
  /// `value(of:)` without copying `Metric` values (no string retains): the finite entry of
  /// the first node in node-id order. This runs once per run for every sort key extraction.
  func sortValue(of name: String) -> Double? {
    metrics.withUnsafeBufferPointer { entries -> Double? in
      var best = -1
      for index in entries.indices where entries[index].name == name {
        guard entries[index].value.isFinite else { continue }
        if best < 0 || entries[index].nodeID < entries[best].nodeID { best = index }
      }
      return best < 0 ? nil : entries[best].value
    }
  }
}
