import KoersCore
import Testing

@Suite struct ActionUpdateRulesTests {
    func check(status: String = "on-course", percent: String = "", spent: String = "", period: String = "2026-Q3",
               note: String = "") -> Result<ActionUpdate, ActionUpdateRules.ProblemList> {
        ActionUpdateRules.check(action: "a", status: status, percent: percent, spent: spent, period: period, note: note, author: "x@y.be")
    }

    func problems(_ result: Result<ActionUpdate, ActionUpdateRules.ProblemList>) -> [ActionUpdateRules.Problem] {
        if case .failure(let list) = result { return list.problems }
        return []
    }

    @Test func aGoodReportReadsBackAsTyped() throws {
        let update = try check(percent: " 40 ", spent: "1.234,50", period: "2026-Q3", note: "  loopt  ").get()
        #expect(update.progress == .onCourse && update.percentDone == 40 && update.spent == 1234.5)
        #expect(update.period == Period("2026-Q3") && update.note == "loopt" && update.author == "x@y.be")
        #expect(try check(spent: "").get().spent == nil)
        #expect(try check(note: "   ").get().note == nil)
    }

    @Test(arguments: [("12500", 12500.0), ("12.500", 12500.0), ("12.500,75", 12500.75), ("€ 1 234", 1234.0), ("12.5", 12.5), ("0", 0.0)])
    func amountsAsPeopleTypeThem(_ typed: String, _ value: Double) throws {
        #expect(try check(spent: typed).get().spent == value, "\(typed)")
    }

    @Test func everyProblemIsNamedAtOnceAndNothingIsMade() {
        #expect(problems(check(status: "gaat wel", percent: "veertig", spent: "veel", period: "")) ==
                [.unknownStatus, .percentNotANumber, .spentNotAnAmount, .periodMissing])
        #expect(problems(check(percent: "101", spent: "-5", period: "Q3 2026")) == [.percentOutOfRange, .spentNegative, .periodNotAPeriod("Q3 2026")])
        #expect(problems(check(spent: "1e400")) == [.spentNotAnAmount])
        #expect(problems(check(note: String(repeating: "x", count: 4001))) == [.noteTooLong(4001)])
    }

    @Test func atRiskAndOffCourseNeedANote() {
        for status in ActionProgress.allCases {
            let refused = problems(check(status: status.rawValue, note: " \n "))
            #expect(refused == (status.needsNote ? [.noteRequired(status)] : []), "\(status)")
        }
        #expect(ActionProgress.allCases.filter(\.needsNote) == [.atRisk, .offCourse])
    }
}
