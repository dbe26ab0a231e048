import Dispatch
import Foundation

/// `SPP_CHECK_TIMING=1`: how long each phase of a run and each rule took, on stderr, for
/// profiling (never in reports: times differ from run to run).
public enum Timing {
    public static let enabled = ProcessInfo.processInfo.environment["SPP_CHECK_TIMING"] == "1"

    /// The current time, to pass to `note` later.
    public static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Prints `timing: WHAT N ms[, DETAIL]` with the time since `start`, when enabled.
    public static func note(_ what: @autoclosure () -> String, since start: UInt64,
                            detail: @autoclosure () -> String? = nil) {
        guard enabled else { return }
        let ms = Double(DispatchTime.now().uptimeNanoseconds &- start) / 1e6
        let more = detail().map { ", " + $0 } ?? ""
        FileHandle.standardError.write(Data("timing: \(what()) \(Int(ms)) ms\(more)\n".utf8))
    }
}
