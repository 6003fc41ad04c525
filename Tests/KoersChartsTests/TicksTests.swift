import Testing
@testable import KoersCharts

@Suite struct TicksTests {
    @Test(arguments: [
        (0.0, 7719.0, [0.0, 2000, 4000, 6000, 8000]),
        (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (0, 13, [0, 5, 10, 15]),
        (0, 11, [0, 2.5, 5, 7.5, 10, 12.5]),
        (-3.2, 3.9, [-4, -2, 0, 2, 4]),
        (6000, 7719, [6000, 6500, 7000, 7500, 8000]),
        (0.012, 0.047, [0.01, 0.02, 0.03, 0.04, 0.05]),
        (42, 42, [0, 10, 20, 30, 40, 50]),
    ])
    func niceTicks(lower: Double, upper: Double, expected: [Double]) {
        #expect(Ticks.nice(lower, upper) == expected)
    }

    @Test func niceTicksHaveFourToSixValuesAndCoverTheRange() {
        var state: UInt64 = 7
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let a = Double(Int64(bitPattern: state) % 1_000_000) / Double(1 + Int(state >> 60)) 
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let b = a + Double(state >> 40) / 1000 + 0.001
            let ticks = Ticks.nice(a, b)
            #expect((4...6).contains(ticks.count), "\(a)…\(b): \(ticks)")
            #expect(ticks.first! <= a && ticks.last! >= b, "\(a)…\(b): \(ticks)")
        }
    }

    @Test func degenerateRangesGiveFiniteTicks() {
        for (a, b) in [(Double.nan, 1), (0, .infinity), (-.greatestFiniteMagnitude, .greatestFiniteMagnitude),
                       (Double.leastNonzeroMagnitude, 4 * Double.leastNonzeroMagnitude), (5, 5), (0, 0), (-7, -7)] {
            let ticks = Ticks.nice(a, b)
            #expect(!ticks.isEmpty && ticks.allSatisfy { $0.isFinite }, "\(a)…\(b): \(ticks)")
        }
    }

    @Test func yearTicksAreWholeYears() {
        #expect(Ticks.years(2017, 2023) == [2017, 2018, 2019, 2020, 2021, 2022, 2023])
        #expect(Ticks.years(2017, 2030) == [2018, 2020, 2022, 2024, 2026, 2028, 2030])
        #expect(Ticks.years(2016.75, 2019.5) == [2017, 2018, 2019])
        #expect(Ticks.years(1950, 2030, maxCount: 5) == [1960, 1980, 2000, 2020])
        #expect(Ticks.years(2023.25, 2023.75).isEmpty)
        #expect(Ticks.years(2000.5, 2030.5).allSatisfy { $0 == $0.rounded() })
    }

    @Test func yearLabelsAreDigitsOnly() {
        #expect(LineChart.yearLabel(2017) == "2017")
        #expect(LineChart.yearLabel(2023.25) == "2023")
        #expect(LineChart.yearLabel(.nan) == "")
    }

    @Test func valueAxisIncludesZeroForCountsNearZeroButNotForHighLevels() {
        #expect(ValueAxis(covering: [3000, 7719]).domain == 0...8000)
        #expect(ValueAxis(covering: [6000, 7719]).domain == 6000...8000)
        #expect(ValueAxis(covering: [6000, 7719], zero: .always).domain == 0...8000)
        #expect(ValueAxis(covering: [-5, 12]).domain.contains(0))
        #expect(ValueAxis(covering: []).domain == 0...1)
    }

    @Test func scaleMapsDomainOntoPixelsAndStaysFinite() {
        let y = LinearScale(domain: 0...8000, rangeStart: 300, rangeEnd: 20)
        #expect(y(0) == 300)
        #expect(y(8000) == 20)
        #expect(y(4000) == 160)
        let huge = LinearScale(domain: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, rangeStart: 0, rangeEnd: 100)
        #expect(huge(0) == 50)
        #expect([huge(.infinity), huge(.nan), LinearScale(domain: 5...5, rangeStart: 0, rangeEnd: 10)(5)].allSatisfy { $0.isFinite })
    }
}
