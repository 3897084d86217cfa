/// The `MetadataStoreService` requests kfp-runs sends, and their responses.
///
/// Field numbers are those of `ml_metadata/proto/metadata_store_service.proto`.
extension MLMD {
  /// The context type of a KFP run.
  public static let runContextType = "system.PipelineRun"
  /// The artifact type of KFP 2.x metrics.
  public static let metricsArtifactType = "system.Metrics"
  /// The largest page MLMD serves correctly (a larger `max_result_size` drops the token).
  public static let maxPageSize = 100

  /// The methods kfp-runs calls, by their gRPC names.
  public enum Method: String, Sendable, CaseIterable {
    case getContextByTypeAndName = "GetContextByTypeAndName"
    case getExecutionsByContext = "GetExecutionsByContext"
    case getArtifactsByContext = "GetArtifactsByContext"
    case getEventsByExecutionIDs = "GetEventsByExecutionIDs"
    case getContexts = "GetContexts"
    case getArtifactsByID = "GetArtifactsByID"
    case getArtifactTypes = "GetArtifactTypes"

    /// The path after the endpoint: `/ml_metadata.MetadataStoreService/<Method>`.
    public var path: String { "/ml_metadata.MetadataStoreService/\(rawValue)" }
  }

  /// `GetContextByTypeAndNameRequest`: type_name 1, context_name 2.
  public static func contextByTypeAndName(type: String, name: String) -> [UInt8] {
    var writer = ProtoWriter()
    writer.string(1, type)
    writer.string(2, name)
    return writer.bytes
  }

  /// `Get{Executions,Artifacts}ByContextRequest`: context_id 1. With `pageToken` nil, all of
  /// them at once (as the KFP UI asks); else a page of `maxPageSize` (options 2) from that
  /// token (empty: the first page).
  public static func byContext(_ contextID: Int64, pageToken: String? = nil) -> [UInt8] {
    var writer = ProtoWriter()
    writer.int64(1, contextID)
    if let pageToken { writer.message(2, listOptions(filter: nil, pageToken: pageToken)) }
    return writer.bytes
  }

  /// `GetEventsBy{Execution,Artifact}IDsRequest`, `GetArtifactsByIDRequest`: the ids in
  /// field 1.
  public static func byIDs(_ ids: [Int64]) -> [UInt8] {
    var writer = ProtoWriter()
    writer.int64s(1, ids)
    return writer.bytes
  }

  /// `GetContextsRequest` with `ListOperationOptions` (field 1): a page of at most
  /// `maxPageSize` contexts matching `filter`.
  public static func filtered(_ filter: String, pageToken: String?) -> [UInt8] {
    var writer = ProtoWriter()
    writer.message(1, listOptions(filter: filter, pageToken: pageToken))
    return writer.bytes
  }

  /// `ListOperationOptions`: max_result_size 1, next_page_token 3, filter_query 4.
  private static func listOptions(filter: String?, pageToken: String?) -> ProtoWriter {
    var options = ProtoWriter()
    options.varint(1, UInt64(maxPageSize))
    if let pageToken, !pageToken.isEmpty { options.string(3, pageToken) }
    if let filter { options.string(4, filter) }
    return options
  }

  /// The filter selecting the run contexts of `runIDs`: one `GetContexts` finds a batch of
  /// runs, where the UI asks `GetContextByTypeAndName` once a run.
  public static func runContextsFilter(runIDs: [String]) -> String {
    let names = runIDs.map { "name = \(quoted($0))" }.joined(separator: " OR ")
    return "type = \(quoted(runContextType)) AND (\(names))"
  }

  /// A filter-query string literal: single quotes, `\` and `'` escaped.
  public static func quoted(_ text: String) -> String {
    var out = "'"
    for character in text {
      if character == "\\" || character == "'" { out.append("\\") }
      out.append(character)
    }
    return out + "'"
  }

  /// One page of a list answer: the entities and the token of the next page (empty: last).
  public struct Page<Element: Sendable & Hashable>: Sendable, Hashable {
    /// The entities of this page.
    public var items: [Element] = []
    /// The next page's token; empty on the last page.
    public var nextPageToken = ""
  }

  /// `GetContextByTypeAndNameResponse`: the context (field 1), `nil` when absent.
  public static func decodeContext(_ bytes: [UInt8]) throws(ProtoError) -> Context? {
    var reader = ProtoReader(bytes)
    var context: Context?
    while let field = try reader.nextField() {
      if field.number == 1, field.wireType == .lengthDelimited {
        var message = try reader.readMessage()
        context = try Context(&message)
      } else {
        try reader.skip(field.wireType)
      }
    }
    return context
  }

  /// A contexts answer: contexts 1, next_page_token 2.
  public static func decodeContexts(_ bytes: [UInt8]) throws(ProtoError) -> Page<Context> {
    try decodePage(bytes) { (reader: inout ProtoReader) throws(ProtoError) in
      try Context(&reader)
    }
  }

  /// An executions answer: executions 1, next_page_token 2.
  public static func decodeExecutions(_ bytes: [UInt8]) throws(ProtoError) -> Page<Execution> {
    try decodePage(bytes) { (reader: inout ProtoReader) throws(ProtoError) in
      try Execution(&reader)
    }
  }

  /// An artifacts answer: artifacts 1, next_page_token 2.
  public static func decodeArtifacts(_ bytes: [UInt8]) throws(ProtoError) -> Page<Artifact> {
    try decodePage(bytes) { (reader: inout ProtoReader) throws(ProtoError) in
      try Artifact(&reader)
    }
  }

  /// An events answer: events 1.
  public static func decodeEvents(_ bytes: [UInt8]) throws(ProtoError) -> [Event] {
    try decodePage(bytes) { (reader: inout ProtoReader) throws(ProtoError) in
      try Event(&reader)
    }.items
  }

  /// `GetArtifactTypesResponse`: artifact_types 1.
  public static func decodeArtifactTypes(_ bytes: [UInt8]) throws(ProtoError) -> [ArtifactType] {
    try decodePage(bytes) { (reader: inout ProtoReader) throws(ProtoError) in
      try ArtifactType(&reader)
    }.items
  }

  private static func decodePage<Element>(
    _ bytes: [UInt8], _ element: (inout ProtoReader) throws(ProtoError) -> Element
  ) throws(ProtoError) -> Page<Element> {
    var reader = ProtoReader(bytes)
    var page = Page<Element>()
    while let field = try reader.nextField() {
      switch (field.number, field.wireType) {
      case (1, .lengthDelimited):
        var message = try reader.readMessage()
        page.items.append(try element(&message))
      case (2, .lengthDelimited): page.nextPageToken = try reader.readString()
      default: try reader.skip(field.wireType)
      }
    }
    return page
  }
}
