import Testing

@testable import RunsCore

@Suite struct ProtoWireTests {
  @Test func writerMatchesTheReferenceEncoding() {
    // Bytes the Python protobuf library writes for the same requests.
    var options = ProtoWriter()
    options.varint(1, 100)
    options.string(4, "x")
    var request = ProtoWriter()
    request.message(1, options)
    #expect(request.bytes == MLMDRecordedBytes.bytes("0a050864220178"))
    #expect(MLMD.byIDs([1, 300]) == MLMDRecordedBytes.bytes("080108ac02"))
    // GetExecutionsByContextRequest: all at once, the first page, the page of token "t".
    #expect(MLMD.byContext(7) == MLMDRecordedBytes.bytes("0807"))
    #expect(MLMD.byContext(7, pageToken: "") == MLMDRecordedBytes.bytes("080712020864"))
    #expect(MLMD.byContext(7, pageToken: "t") == MLMDRecordedBytes.bytes("0807120508641a0174"))
  }

  private func field(_ reader: inout ProtoReader) throws -> String {
    guard let field = try reader.nextField() else { return "end" }
    return "\(field.number) \(field.wireType)"
  }

  @Test func roundTripsEveryWireType() throws {
    var writer = ProtoWriter()
    writer.int64(1, -5)
    writer.double(2, 0.1 + 0.2)
    writer.string(3, "héllo")
    writer.varint(4, .max)
    var reader = ProtoReader(writer.bytes)
    var seen: [String] = []
    seen.append(try field(&reader))
    seen.append("\(try reader.readInt64())")
    seen.append(try field(&reader))
    seen.append("\(try reader.readDouble())")
    seen.append(try field(&reader))
    seen.append(try reader.readString())
    seen.append(try field(&reader))
    seen.append("\(try reader.readVarint())")
    seen.append(try field(&reader))
    #expect(
      seen == [
        "1 varint", "-5", "2 fixed64", "\(0.1 + 0.2)", "3 lengthDelimited", "héllo", "4 varint",
        "\(UInt64.max)", "end",
      ])
  }

  @Test func skipsUnknownFieldsOfEveryKindAndReadsPackedIDs() throws {
    // field 9 fixed32, field 10 fixed64, field 11 group holding a varint, field 12 bytes,
    // then field 1 packed [1, 300] and field 1 unpacked 7.
    let bytes: [UInt8] =
      [0x4D, 1, 2, 3, 4, 0x51] + Array(repeating: 0, count: 8) + [0x5B, 0x08, 0x01, 0x5C]
      + [0x62, 2, 0xFF, 0xFF] + [0x0A, 3, 0x01, 0xAC, 0x02] + [0x08, 7]
    var reader = ProtoReader(bytes)
    var ids: [Int64] = []
    while let field = try reader.nextField() {
      if field.number == 1 {
        try reader.readInt64s(field.wireType, into: &ids)
      } else {
        try reader.skip(field.wireType)
      }
    }
    #expect(ids == [1, 300, 7])
  }

  @Test func malformedInputIsAnErrorNeverARead() {
    let cases: [([UInt8], String)] = [
      ([0x0A, 0x05, 1, 2], "runs past the end"),  // length 5, 2 bytes left
      ([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], "runs past the end"),  // length 4 GiB
      ([0x08] + Array(repeating: 0xFF, count: 10) + [0x01], "longer than 64 bits"),
      ([0x08, 0x80], "runs past the end"),  // varint cut off
      ([0x11, 1, 2, 3], "runs past the end"),  // fixed64 cut off
      ([0x0F], "unknown wire type"),
      ([0x00], "out of range"),  // field number 0
      ([0x0B, 0x08, 1], "not closed"),  // group without end
      ([0x0C], "not started"),
      (Array(repeating: 0x0B, count: 100), "nested too deeply"),
    ]
    for (bytes, reason) in cases {
      var reader = ProtoReader(bytes)
      #expect(throws: ProtoError.self, "\(bytes)") {
        while let field = try reader.nextField() { try reader.skip(field.wireType) }
      }
      do {
        var again = ProtoReader(bytes)
        while let field = try again.nextField() { try again.skip(field.wireType) }
      } catch {
        #expect(error.reason.contains(reason), "\(bytes): \(error.reason)")
      }
    }
  }

  @Test func decodesRecordedMLMDAnswers() throws {
    let context = try MLMD.decodeContext(MLMDRecordedBytes.bytes(MLMDRecordedBytes.context))
    #expect(context == MLMD.Context(id: 1, name: "run-1"))
    #expect(try MLMD.decodeContext([]) == nil)

    let executions = try MLMD.decodeExecutions(
      MLMDRecordedBytes.bytes(MLMDRecordedBytes.executions))
    #expect(executions.items.count == 1)
    #expect(executions.items[0].id == 1)
    #expect(executions.items[0].state == .complete)
    #expect(executions.items[0].type == "system.ContainerExecution")
    #expect(executions.items[0].taskLabel == "train")
    #expect(executions.nextPageToken == "")

    let artifacts = try MLMD.decodeArtifacts(MLMDRecordedBytes.bytes(MLMDRecordedBytes.artifacts))
    let artifact = try #require(artifacts.items.first)
    #expect(artifact.type == "system.Metrics")
    let properties = Dictionary(
      uniqueKeysWithValues: artifact.properties.map { ($0.name, $0.value) })
    // The sqlite store kept 0.9500000000000001 as 0.95 (it stores doubles rounded).
    #expect(properties["accuracy"] == .number(0.95))
    #expect(properties["epochs"] == .number(12))
    #expect(properties["flag"] == .bool(true))
    #expect(properties["note"] == .string("baseline"))
    #expect(
      properties["cfg"]
        == .structure(.members([("list", .array([.number(1), .string("a"), .bool(true), .null]))])))

    let events = try MLMD.decodeEvents(MLMDRecordedBytes.bytes(MLMDRecordedBytes.events))
    #expect(events == [MLMD.Event(artifactID: 1, executionID: 1, type: 4, key: "metrics")])
  }

  @Test func structNestingIsBounded() {
    // A struct value (field 4) nesting struct → fields entry → value → struct … 200 deep.
    var inner: [UInt8] = []
    for _ in 0..<200 {
      var value = ProtoWriter()
      value.lengthDelimited(5, inner)
      var entry = ProtoWriter()
      entry.string(1, "k")
      entry.message(2, value)
      var structure = ProtoWriter()
      structure.message(1, entry)
      inner = structure.bytes
    }
    var mlmdValue = ProtoWriter()
    mlmdValue.lengthDelimited(4, inner)
    var reader = ProtoReader(mlmdValue.bytes)
    #expect(throws: ProtoError("a struct value is nested too deeply")) {
      _ = try MLMD.readValue(&reader)
    }
  }
}
