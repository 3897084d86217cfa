#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How one child process ended and what it cost.
struct ChildOutcome {
  /// Wall-clock seconds from spawn to exit.
  var seconds: Double
  /// The exit status (128 + signal when killed).
  var status: Int32
  /// Peak resident set size in bytes (what `/usr/bin/time -f %M` reports, times 1024).
  var peakBytes: Int
}

/// Runs programs with stdout and stderr sent to /dev/null, measured with `wait4`, which gives
/// the resource use of exactly that child (no extra tool needed).
enum ChildProcess {
  /// Runs `arguments` (the first is looked up in `PATH`) and waits for it.
  static func run(_ arguments: [String]) -> ChildOutcome? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let start = Stopwatch.now()
    guard posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else {
      return nil
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      if errno != EINTR { return nil }
    }
    let seconds = Double(Stopwatch.now() - start) / 1e9
    let signal = status & 0x7F
    let exit = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    #if canImport(Darwin)
      let peak = Int(usage.ru_maxrss)  // bytes on Darwin
    #else
      let peak = Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
    #endif
    return ChildOutcome(seconds: seconds, status: exit, peakBytes: peak)
  }

  /// Runs `arguments` and returns its standard output, `nil` when it cannot start or fails.
  static func output(_ arguments: [String]) -> String? {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ) == 0
    close(pipeEnds[1])
    defer { close(pipeEnds[0]) }
    guard spawned else { return nil }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = read(pipeEnds[0], &buffer, buffer.count)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    guard status == 0 else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }
}
