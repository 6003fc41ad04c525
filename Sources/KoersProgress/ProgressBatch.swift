import KoersCore

/// Many series with their points stored back to back, for assessing thousands at once: one allocation instead of
/// one per series, read front to back. Assessing a batch gives the same results as assessing each question.
public struct ProgressBatch: Sendable {
    /// Every series' points, each series sorted by year.
    public private(set) var points: [ProgressPoint] = []
    public private(set) var entries: [Entry] = []

    /// One series: where its points are, and the question without its points (what it is judged against).
    public struct Entry: Sendable, Hashable {
        public var range: Range<Int>
        public var problem: CannotAssessReason?
        public var settings: ProgressQuestion
    }

    public init() {}

    public var count: Int { entries.count }

    public mutating func reserveCapacity(series: Int, points: Int) {
        entries.reserveCapacity(series)
        self.points.reserveCapacity(points)
    }

    public mutating func append(_ q: ProgressQuestion) {
        let start = points.count
        points.append(contentsOf: q.points)
        var settings = q
        settings.points = []
        entries.append(Entry(range: start..<points.count, problem: q.pointsProblem, settings: settings))
    }
}

extension ProgressMethod {
    /// Assesses every series of the batch, in order.
    public func assess(_ batch: ProgressBatch) -> [ProgressAssessment] {
        batch.points.withUnsafeBufferPointer { all in
            batch.entries.map { e in
                assess(SeriesInput(e.settings, problem: e.problem, points: UnsafeBufferPointer(rebasing: all[e.range])))
            }
        }
    }

    /// Assesses one series with this method.
    public func assess(_ question: ProgressQuestion) -> ProgressAssessment {
        question.points.withUnsafeBufferPointer { assess(SeriesInput(question, problem: question.pointsProblem, points: $0)) }
    }

    func assess(_ s: SeriesInput) -> ProgressAssessment {
        switch self {
        case .openSDG: OpenSDGMeasure.assess(s)
        case .eurostat: EurostatMeasure.assess(s)
        case .linear: LinearPath.assess(s)
        case .projection: TrendProjection.assess(s)
        }
    }
}
