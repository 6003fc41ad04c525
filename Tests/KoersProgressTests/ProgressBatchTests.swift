import KoersCore
import KoersProgress
import Testing

/// A batch is only a faster layout: it must give exactly what assessing each question gives.
@Suite struct ProgressBatchTests {
    @Test func batchGivesTheSameResultsAsEachQuestion() {
        let questions = [
            ProgressQuestion(points: [.init(year: 2015, value: 100), .init(year: 2017, value: 121)], direction: .up),
            ProgressQuestion(points: [.init(year: 2021, value: 110), .init(year: 2020, value: 100)], direction: .up,
                             target: 144, targetYear: 2022),
            ProgressQuestion(points: [.init(year: 2016, value: 1), .init(year: 2016, value: 2)], direction: .down),
            ProgressQuestion(points: [], direction: .down),
            ProgressQuestion(points: (2010...2020).map { .init(year: $0, value: Double($0 - 2000)) }, direction: .none,
                             target: 5, targetYear: 2030, asOfYear: 2021),
        ]
        var batch = ProgressBatch()
        questions.forEach { batch.append($0) }
        #expect(batch.count == questions.count)
        for method in ProgressMethod.allCases {
            #expect(method.assess(batch) == questions.map { method.assess($0) }, "\(method)")
        }
        // The unsorted question was sorted once, on the way in.
        #expect(questions[1].points.map(\.year) == [2020, 2021])
        #expect(questions[2].pointsProblem == .duplicateYear(2016) && questions[3].pointsProblem == .noData)
    }
}
