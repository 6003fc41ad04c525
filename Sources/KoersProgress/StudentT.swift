import Foundation

/// Student's t distribution with a whole number of degrees of freedom, in closed form (Abramowitz & Stegun 26.7.3
/// and 26.7.4): exact, and a few operations per degree of freedom, so it can run for every series.
enum StudentT {
    /// P(T ≤ t) for ν degrees of freedom (ν ≥ 1).
    static func cdf(_ t: Double, degreesOfFreedom nu: Int) -> Double {
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let theta = atan(abs(t) / Double(nu).squareRoot())
        let c = cos(theta), s = sin(theta), c2 = c * c
        // a = P(|T| ≤ |t|).
        var a: Double
        if nu % 2 == 1 {
            var sum = 0.0
            if nu > 1 {
                var term = c
                sum = c
                var k = 3
                while k <= nu - 2 {
                    term *= c2 * Double(k - 1) / Double(k)
                    sum += term
                    k += 2
                }
            }
            a = 2 / Double.pi * (theta + s * sum)
        } else {
            var term = 1.0, sum = 1.0
            var k = 2
            while k <= nu - 2 {
                term *= c2 * Double(k - 1) / Double(k)
                sum += term
                k += 2
            }
            a = s * sum
        }
        a = min(max(a, 0), 1)
        return t >= 0 ? 0.5 + a / 2 : 0.5 - a / 2
    }

    /// The t with P(T ≤ t) = p, by bisection on `cdf` (monotone), to the last bits of a Double.
    static func quantile(_ p: Double, degreesOfFreedom nu: Int) -> Double {
        precondition(p > 0 && p < 1)
        if p == 0.5 { return 0 }
        var lo = -1.0, hi = 1.0
        while cdf(lo, degreesOfFreedom: nu) > p { lo *= 2 }
        while cdf(hi, degreesOfFreedom: nu) < p { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if mid == lo || mid == hi { break }
            if cdf(mid, degreesOfFreedom: nu) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The 97.5 % quantiles (two-sided 95 % intervals) for 1…`cachedDegrees` degrees of freedom, computed once.
    static let cachedDegrees = 256
    static let quantiles975: [Double] = (1...cachedDegrees).map { quantile(0.975, degreesOfFreedom: $0) }

    static func quantile975(degreesOfFreedom nu: Int) -> Double {
        nu <= cachedDegrees ? quantiles975[nu - 1] : quantile(0.975, degreesOfFreedom: nu)
    }
}
