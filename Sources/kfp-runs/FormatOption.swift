import ArgumentParser

/// `--format`: how `list` and `compare` print.
enum FormatOption: String, CaseIterable, ExpressibleByArgument {
  case table
  case csv
  case json
  case markdown
}
