/// Answers recorded from the real ML Metadata store (ml-metadata 1.17.1 on sqlite), as
/// protobuf bytes in hex, and helpers to frame them as Envoy's gRPC-web filter does.
enum MLMDRecordedBytes {
  /// GetContextByTypeAndName('system.PipelineRun', 'run-1'): context id 1.
  static let context =
    "0a2d0801100a1a0572756e2d31321273797374656d2e506970656c696e6552756e38b1c3e4aaa43440b1c3e4aaa434"
  /// GetExecutionsByContext: execution 1, COMPLETE, task_name train-2, display_name train.
  static let executions =
    "0a600801100b18032a160a097461736b5f6e616d6512091a07747261696e2d322a170a0c646973706c61795f6e616d6512071a05747261696e3a1973797374656d2e436f6e7461696e6572457865637574696f6e40b1c3e4aaa43448b1c3e4aaa434"
  /// GetArtifactsByContext: one system.Metrics artifact with accuracy 0.95 (0.9500000000000001 as
  /// written; the sqlite store rounds doubles),
  /// epochs 12 (int), flag true, note "baseline", cfg {"list": [1, "a", true, null]},
  /// display_name "metrics".
  static let artifacts =
    "0abc010801100c1a096d696e696f3a2f2f782a2d0a03636667122622240a220a046c697374121a32180a0911000000000000f03f0a031a01610a0220010a0208002a120a046e6f7465120a1a08626173656c696e652a0c0a0665706f6368731202080c2a150a086163637572616379120911666666666666ee3f2a0a0a04666c6167120230012a190a0c646973706c61795f6e616d6512091a076d657472696373420e73797374656d2e4d65747269637348b1c3e4aaa43450b1c3e4aaa434"
  /// GetEventsByExecutionIDs([1]): OUTPUT event, path key "metrics".
  static let events = "0a1a080110011a0b0a0912076d657472696373200428b2c3e4aaa434"

  static func bytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      out.append(UInt8(hex[index..<next], radix: 16)!)
      index = next
    }
    return out
  }

  /// A frame: flag, 4-byte big-endian length, payload.
  static func frame(_ flag: UInt8, _ payload: [UInt8]) -> [UInt8] {
    let count = UInt32(payload.count)
    return [
      flag, UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF),
      UInt8(count & 0xFF),
    ] + payload
  }

  /// A data frame then Envoy's trailer frame (`grpc-status:0\r\ngrpc-message:\r\n`).
  static func okBody(_ message: [UInt8]) -> [UInt8] {
    frame(0, message) + frame(0x80, Array("grpc-status:0\r\ngrpc-message:\r\n".utf8))
  }

  static let grpcHeaders = ["content-type": "application/grpc-web+proto"]
}
