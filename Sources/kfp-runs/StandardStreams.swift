import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes to the process's standard error: every message the command prints goes here.
enum StandardError {
  /// Writes `text` (add the newline yourself) as a message: each line cleaned of control
  /// characters and of the active credentials, whichever part of the program produced it. A
  /// failure to write ends the process with status 1, as there is nowhere left to say why.
  static func write(_ text: String) {
    let bytes = Array(MessageText.safe(text).utf8)
    switch StandardStream.write(bytes, to: STDERR_FILENO) {
    case .success: return
    case .failure(.brokenPipe): StandardStream.exitAfterBrokenPipe()
    case .failure(.failed): exit(CLIFailure.outputCode)
    }
  }
}

/// Writes to the process's standard output.
enum StandardOutput {
  /// Writes `text` as is.
  static func write(_ text: String) {
    write(Array(text.utf8))
  }

  /// Writes `bytes` as is. When the reader went away (a closed pipe), ends the process quietly;
  /// on any other failure (a full disk, a closed stdout) prints one line on stderr and ends it
  /// with status 1: output that was cut short must not look complete.
  static func write(_ bytes: [UInt8]) {
    switch StandardStream.write(bytes, to: STDOUT_FILENO) {
    case .success: return
    case .failure(.brokenPipe): StandardStream.exitAfterBrokenPipe()
    case .failure(.failed(let code)):
      StandardError.write(
        "kfp-runs: error: cannot write the output: \(String(cString: strerror(code)))\n")
      exit(CLIFailure.outputCode)
    }
  }
}

/// `write(2)` on a standard stream or a file, without Foundation's `FileHandle` (which traps on
/// failure).
enum StandardStream {
  /// Why a write did not complete.
  enum Failure: Error {
    /// The reading end of the pipe is closed (`EPIPE`, SIGPIPE being ignored).
    case brokenPipe
    /// Any other `errno`.
    case failed(Int32)
  }

  /// Writes all of `bytes` to `descriptor`: retries after a signal (`EINTR`) and, on a
  /// non-blocking descriptor whose reader is slow (`EAGAIN`), waits until it takes more.
  static func write(_ bytes: [UInt8], to descriptor: Int32) -> Result<Void, Failure> {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let count = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if count >= 0 {
          offset += count
          continue
        }
        switch errno {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: waitUntilWritable(descriptor)
        case EPIPE: return .failure(.brokenPipe)
        case let code: return .failure(.failed(code))
        }
      }
      return .success(())
    }
  }

  /// Ends the process as a reader that stopped reading expects (`| head`): no message, the
  /// status of a process ended by SIGPIPE (128 + 13), whether or not SIGPIPE was ignored.
  static func exitAfterBrokenPipe() -> Never {
    exit(128 + SIGPIPE)
  }

  /// Makes sure descriptors 0, 1 and 2 are open before anything else opens a file: a standard
  /// stream closed by the parent (`>&-`) would otherwise be the next file or socket opened,
  /// and the output would go there. A closed one is taken by `/dev/null` opened read-only, so
  /// that writing to it still fails (`EBADF`) and is reported.
  static func occupyClosedDescriptors() {
    for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
    where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
      let opened = open("/dev/null", O_RDONLY)
      if opened >= 0, opened != descriptor {
        _ = dup2(opened, descriptor)
        _ = close(opened)
      }
    }
  }

  private static func waitUntilWritable(_ descriptor: Int32) {
    var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
    // An error or hang-up shows in the next write, which reports it.
    _ = poll(&request, 1, -1)
  }

  private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int)
    -> Int
  {
    #if canImport(Glibc)
      Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
      Musl.write(descriptor, bytes, count)
    #else
      Darwin.write(descriptor, bytes, count)
    #endif
  }
}
