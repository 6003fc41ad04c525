import NIOCore
import NIOHTTPTypes

/// Holds a connection's close until the answer written before it has gone out.
///
/// Hummingbird 2.28 (`HTTPConnectionStateHandler.write`) closes a connection it is shutting down right after it queues
/// the answer's last part. NIO then drops whatever the socket has not taken yet, so an answer larger than the socket
/// buffers, in flight at SIGTERM, reached the client cut off (`ShutdownTests`). This handler sits between Hummingbird's
/// handler and the socket: it counts the writes not yet done, and a close that arrives while some are waits for them.
/// A client that stops reading holds the close as long as it holds the answer; the service manager's stop timeout
/// (systemd's TimeoutStopSec) bounds both.
final class CloseAfterWritesHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var writesInFlight = 0
    private var waitingClose: (mode: CloseMode, promise: EventLoopPromise<Void>?)?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        writesInFlight += 1
        let promise = promise ?? context.eventLoop.makePromise()
        promise.futureResult.assumeIsolated().whenComplete { _ in
            self.writesInFlight -= 1
            if self.writesInFlight == 0, let close = self.waitingClose {
                self.waitingClose = nil
                context.close(mode: close.mode, promise: close.promise)
            }
        }
        context.write(data, promise: promise)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all, writesInFlight > 0, waitingClose == nil else {
            context.close(mode: mode, promise: promise)
            return
        }
        waitingClose = (mode, promise)
    }
}
