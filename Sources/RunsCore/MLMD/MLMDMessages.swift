/// The parts of ML Metadata's messages that metrics need, decoded from protobuf.
///
/// Field numbers are those of `ml_metadata/proto/metadata_store.proto`; unknown fields are
/// skipped, so newer servers' additions do no harm.
public enum MLMD {
  /// A property value (`ml_metadata.Value`).
  public typealias Value = V2Metric.Value

  /// `Execution.State`.
  public enum ExecutionState: Int64, Sendable, Hashable {
    case unknown = 0
    case new = 1
    case running = 2
    case complete = 3
    case failed = 4
    case cached = 5
    case canceled = 6
  }

  /// A custom property: name and value.
  public struct Property: Sendable, Hashable {
    /// The property's name (a metric's name, or `display_name`, `task_name`, …).
    public var name: String
    /// Its value.
    public var value: Value

    /// Creates a property.
    public init(name: String, value: Value) {
      self.name = name
      self.value = value
    }
  }

  /// `Event.Type` values kfp-runs tells apart.
  public static let outputEvent: Int64 = 4

  /// An execution: a task (or DAG) of a run.
  public struct Execution: Sendable, Hashable {
    /// The execution id.
    public var id: Int64 = 0
    /// The execution's state; `nil` when the server sent a value this client does not know.
    public var state: ExecutionState? = .unknown
    /// The execution's type name (`system.ContainerExecution`), when the server fills it.
    public var type = ""
    /// Its custom properties, in wire order.
    public var properties: [Property] = []

    /// Creates an empty execution.
    public init() {}

    /// The `display_name` or else the `task_name` property; empty when neither is a string.
    public var taskLabel: String {
      for key in ["display_name", "task_name"] {
        if case .string(let text) = property(key), !text.isEmpty { return text }
      }
      return ""
    }

    /// The value of property `name`.
    public func property(_ name: String) -> Value? {
      properties.last { $0.name == name }?.value
    }
  }

  /// An artifact: one output of a task.
  public struct Artifact: Sendable, Hashable {
    /// The artifact id.
    public var id: Int64 = 0
    /// The type id.
    public var typeID: Int64 = 0
    /// The type name (`system.Metrics`), when the server fills it.
    public var type = ""
    /// Its custom properties, in wire order.
    public var properties: [Property] = []

    /// Creates an empty artifact.
    public init() {}
  }

  /// An event: an execution read or wrote an artifact, under a path (the output's name).
  public struct Event: Sendable, Hashable {
    /// The artifact.
    public var artifactID: Int64 = 0
    /// The execution.
    public var executionID: Int64 = 0
    /// `Event.Type` (OUTPUT = 4).
    public var type: Int64 = 0
    /// The first `key` step of the path: the output's name.
    public var key: String?

    /// Creates an event.
    public init(artifactID: Int64 = 0, executionID: Int64 = 0, type: Int64 = 0, key: String? = nil)
    {
      self.artifactID = artifactID
      self.executionID = executionID
      self.type = type
      self.key = key
    }
  }

  /// An artifact type: id and name.
  public struct ArtifactType: Sendable, Hashable {
    /// The type id.
    public var id: Int64 = 0
    /// The type name.
    public var name = ""
  }

  /// A context (`system.PipelineRun`): only its id matters here.
  public struct Context: Sendable, Hashable {
    /// The context id.
    public var id: Int64 = 0
    /// The context name (the run id).
    public var name = ""
  }
}

extension MLMD.Execution {
  /// Decodes an `Execution` message.
  public init(_ reader: inout ProtoReader) throws(ProtoError) {
    self.init()
    while let field = try reader.nextField() {
      switch (field.number, field.wireType) {
      case (1, .varint): id = try reader.readInt64()
      case (3, .varint): state = MLMD.ExecutionState(rawValue: try reader.readInt64())
      case (5, .lengthDelimited): properties.append(try MLMD.readProperty(&reader))
      case (7, .lengthDelimited): type = try reader.readString()
      default: try reader.skip(field.wireType)
      }
    }
  }
}

extension MLMD.Artifact {
  /// Decodes an `Artifact` message.
  public init(_ reader: inout ProtoReader) throws(ProtoError) {
    self.init()
    while let field = try reader.nextField() {
      switch (field.number, field.wireType) {
      case (1, .varint): id = try reader.readInt64()
      case (2, .varint): typeID = try reader.readInt64()
      case (5, .lengthDelimited): properties.append(try MLMD.readProperty(&reader))
      case (8, .lengthDelimited): type = try reader.readString()
      default: try reader.skip(field.wireType)
      }
    }
  }
}

extension MLMD.Event {
  /// Decodes an `Event` message.
  public init(_ reader: inout ProtoReader) throws(ProtoError) {
    self.init()
    while let field = try reader.nextField() {
      switch (field.number, field.wireType) {
      case (1, .varint): artifactID = try reader.readInt64()
      case (2, .varint): executionID = try reader.readInt64()
      case (4, .varint): type = try reader.readInt64()
      case (3, .lengthDelimited):
        var path = try reader.readMessage()
        while let step = try path.nextField() {
          guard step.number == 1, step.wireType == .lengthDelimited, key == nil else {
            try path.skip(step.wireType)
            continue
          }
          var stepReader = try path.readMessage()
          while let part = try stepReader.nextField() {
            if part.number == 2, part.wireType == .lengthDelimited {
              key = try stepReader.readString()
            } else {
              try stepReader.skip(part.wireType)
            }
          }
        }
      default: try reader.skip(field.wireType)
      }
    }
  }
}

extension MLMD.ArtifactType {
  /// Decodes an `ArtifactType` message.
  public init(_ reader: inout ProtoReader) throws(ProtoError) {
    self.init()
    while let field = try reader.nextField() {
      switch (field.number, field.wireType) {
      case (1, .varint): id = try reader.readInt64()
      case (2, .lengthDelimited): name = try reader.readString()
      default: try reader.skip(field.wireType)
      }
    }
  }
}

extension MLMD.Context {
  /// Decodes a `Context` message.
  public init(_ reader: inout ProtoReader) throws(ProtoError) {
    self.init()
    while let field = try reader.nextField() {
      switch (field.number, field.wireType) {
      case (1, .varint): id = try reader.readInt64()
      case (3, .lengthDelimited): name = try reader.readString()
      default: try reader.skip(field.wireType)
      }
    }
  }
}
