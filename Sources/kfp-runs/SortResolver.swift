import RunsCore
import RunsOutput

/// Turns `--sort` into a sort order for the runs in scope.
enum SortResolver {
  /// The order to print in: start time newest first without `--sort`. A metric no run in scope
  /// reports is a usage error (a typo would otherwise silently leave the order unchanged).
  static func order(_ argument: String?, scope: [Run]) throws -> SortOrder {
    guard let argument else { return .default }
    let spec: SortSpec
    do {
      spec = try SortSpec.parse(argument)
    } catch {
      throw CLIFailure.usage(error.description)
    }
    if case .metric(let name) = spec.column, !scope.isEmpty {
      let known = MetricColumns.all(in: scope)
      if !known.contains(name) {
        let list = listed(known, as: "metrics", none: "the runs report no metrics")
        let columns = SortSpec.keywords.map(\.word).joined(separator: ", ")
        throw CLIFailure.usage(
          "cannot sort by '\(TextSanitizer.clean(name))': it is neither a column (\(columns)) "
            + "nor a metric any run reports (\(list))")
      }
    }
    if case .parameter(let name) = spec.column, !scope.isEmpty {
      let known = ParameterColumns.all(in: scope)
      if !known.contains(name) {
        let list = listed(known, as: "parameters", none: "the runs have no parameters")
        throw CLIFailure.usage(
          "cannot sort by 'param:\(TextSanitizer.clean(name))': no run has that parameter (\(list))"
        )
      }
    }
    return spec.order
  }

  /// `noun: a, b, …` naming the first ten of `known`, or `none` when there are none.
  private static func listed(_ known: [String], as noun: String, none: String) -> String {
    guard !known.isEmpty else { return none }
    let names = known.prefix(10).map(TextSanitizer.clean).joined(separator: ", ")
    return "\(noun): " + names + (known.count > 10 ? ", …" : "")
  }
}
