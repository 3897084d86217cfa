/// Reads one `executor_output.json`, the file `kfp.local` (KFP 2.x's local runner) writes for
/// each task: every key of an output artifact's `metadata` is a metric (`V2Metric` rules), and
/// `parameterValues` are the task's output parameters.
///
/// Python's `json.dumps` writes the file, so bare `NaN`/`Infinity` and huge integers occur:
/// they are read; a non-finite value is a problem and the rest of the file still loads.
public enum ExecutorOutputDecoder {
  /// The file name `kfp.local` writes in each task's folder.
  public static let fileName = "executor_output.json"

  /// What one file yielded.
  public struct Result: Sendable, Hashable {
    /// The metric entries (numbers, bools, and text values for details), in file order.
    public var metrics: [Metric] = []
    /// What could not be used, in file order.
    public var problems: [Problem] = []
    /// Lines for the run's details: the task's output parameters.
    public var notes: [String] = []
  }

  /// Decodes the file of task `task`; `path` becomes the problems' location.
  public static func decode(_ bytes: [UInt8], path: String, task: String) -> Result {
    var result = Result()
    func fail(_ message: String) -> Result {
      result.problems.append(Problem(location: path, severity: .error, message: message))
      return result
    }
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      return fail(
        error.reason == "empty input"
          ? "the file is empty, not JSON; the task's outputs are not read"
          : "invalid JSON at line \(error.line):\(error.column): \(error.reason); "
            + "the task's outputs are not read")
    }
    guard let top = document.objectValue else {
      return fail(
        "the top level is \(MetricsFileDecoder.article(document)), not an object with "
          + "\"artifacts\"; the task's outputs are not read")
    }
    if let artifacts = top["artifacts"] {
      guard let outputs = artifacts.objectValue else {
        return fail(
          "\"artifacts\" is \(MetricsFileDecoder.article(artifacts)), not an object; "
            + "the task's outputs are not read")
      }
      for output in outputs.members {
        read(output: output.key, output.value, task: task, path: path, into: &result)
      }
    }
    if let parameters = top["parameterValues"]?.objectValue {
      for parameter in parameters.members {
        result.notes.append(
          "\(task): output parameter \(parameter.key) = \(JSONWriter.compact(parameter.value))")
      }
    }
    return result
  }

  private static func read(
    output: String, _ value: JSONValue, task: String, path: String, into result: inout Result
  ) {
    let node = V2Metric.node(task: task, output: output)
    let subject = "output \(JSONText.quoted(output, limit: 80))"
    guard let list = value["artifacts"]?.arrayValue else {
      result.problems.append(
        Problem(
          location: path, severity: .error,
          message: "\(subject) has no \"artifacts\" array; skipped"))
      return
    }
    for artifact in list {
      guard let metadata = artifact["metadata"] else { continue }
      guard let properties = metadata.objectValue else {
        result.problems.append(
          Problem(
            location: path, severity: .error,
            message:
              "\(subject): \"metadata\" is \(MetricsFileDecoder.article(metadata)), not an object; skipped"
          ))
        continue
      }
      for property in properties.members where V2Metric.isMetric(property: property.key) {
        let kept = V2Metric.Value(json: property.value)
        if let metric = V2Metric.metric(name: property.key, node: node, value: kept) {
          result.metrics.append(metric)
        } else if case .number(let number) = kept {
          result.problems.append(
            Problem(
              location: path, severity: .error,
              message: "\(subject): " + V2Metric.nonFiniteMessage(name: property.key, value: number)
            ))
        }
      }
    }
  }
}
