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
///
/// It also ends the half-close that follows a `Connection: close` answer. Hummingbird shuts only the output and
/// waits for the client to close its side; a client that never does (one that sent a large body and stops) held the
/// socket in FIN-WAIT-2 for good. As web servers do ("lingering close"), the input gets `linger` to drain, so that
/// unread body bytes do not turn into a reset that could cost the client the answer, then the connection is closed.
final class CloseAfterWritesHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let linger = TimeAmount.seconds(2)

    private var writesInFlight = 0
    private var waitingClose: (mode: CloseMode, promise: EventLoopPromise<Void>?)?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        writesInFlight += 1
        let promise = promise ?? context.eventLoop.makePromise()
        promise.futureResult.assumeIsolated().whenComplete { _ in
            self.writesInFlight -= 1
            if self.writesInFlight == 0, let close = self.waitingClose {
                self.waitingClose = nil
                self.close(context, mode: close.mode, promise: close.promise)
            }
        }
        context.write(data, promise: promise)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode != .input, writesInFlight > 0 else {
            close(context, mode: mode, promise: promise)
            return
        }
        guard let waiting = waitingClose else {
            waitingClose = (mode, promise)
            return
        }
        // A close already waits (a shutdown's, then the answer's half-close): the wider of the two goes once the
        // writes are done, and completes both promises.
        if let promise, let earlier = waiting.promise { earlier.futureResult.cascade(to: promise) }
        waitingClose = (waiting.mode == .all || mode == .all ? .all : mode, waiting.promise ?? promise)
    }

    private func close(_ context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        context.close(mode: mode, promise: promise)
        guard mode == .output else { return }
        // Through this handler's own close: should an answer still be going out then, the close waits for it.
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.linger) {
            self.close(context: context, mode: .all, promise: nil)
        }
    }
}
