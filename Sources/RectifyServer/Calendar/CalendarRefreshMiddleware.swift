import Vapor

/// Picks up years imported by another process, at most `WorkingCalendarStore.refreshInterval`
/// late. A failed look is logged and the request goes on with the calendar already loaded.
struct CalendarRefreshMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            if try await request.application.calendarStore.refresh(on: request.db) {
                request.logger.info("working-day calendar reloaded: imported years changed (revision \(request.application.calendarStore.revision))")
            }
        } catch {
            request.logger.error("working-day calendar: could not look for imported years: \(String(reflecting: error))")
        }
        return try await next.respond(to: request)
    }
}
