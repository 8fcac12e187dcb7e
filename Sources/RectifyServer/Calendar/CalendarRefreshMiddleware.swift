import Vapor

/// Picks up years imported by another process, at most `WorkingCalendarStore.refreshInterval`
/// late. A failed look is logged and the request goes on with the calendar already loaded.
struct CalendarRefreshMiddleware: Middleware {
    /// Asks the database only when the interval has passed (in a task); otherwise passes straight on.
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.application.calendarStore.refreshDue else { return next.respond(to: request) }
        return request.eventLoop.makeFutureWithTask {
            do {
                if try await request.application.calendarStore.refresh(on: request.db) {
                    request.logger.info("working-day calendar reloaded: imported years changed (revision \(request.application.calendarStore.revision))")
                }
            } catch {
                request.logger.error("working-day calendar: could not look for imported years: \(String(reflecting: error))")
            }
        }.flatMap { next.respond(to: request) }
    }
}
