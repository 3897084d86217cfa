extension JSONValue {
  /// An object from `(key, value)` pairs in order: shorthand for building output documents.
  public static func members(_ pairs: [(String, JSONValue)]) -> JSONValue {
    .object(JSONObject(members: pairs.map { JSONObject.Member(key: $0.0, value: $0.1) }))
  }
}
