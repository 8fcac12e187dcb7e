import Vapor

extension Response {
    /// Answers a form page shown again after `refusal`: a refusal that means "try later" (throttled,
    /// busy) keeps its own status and Retry-After; any other answers the form's `status`.
    func refusedForm(_ refusal: RectifyError?, otherwise status: HTTPResponseStatus) {
        guard let refusal, [.tooManyRequests, .serviceUnavailable].contains(refusal.status) else {
            self.status = status
            return
        }
        self.status = refusal.status
        for (name, value) in refusal.headers { headers.replaceOrAdd(name: name, value: value) }
    }
}
