/// Vertical positions for labels at the end of lines, as close to where each line ends as possible without overlap.
enum DirectLabels {
    /// New centres for labels wanted at `desired`, at least `gap` apart and within `top...bottom` (unless there are
    /// too many to fit, when they run past `bottom`). Overlapping labels are stacked as a block centred on the mean
    /// of their wishes, merging blocks until none overlap. Results are in the order of `desired`.
    static func place(_ desired: [Double], gap: Double, top: Double, bottom: Double) -> [Double] {
        let order = desired.indices.sorted { (desired[$0], $0) < (desired[$1], $1) }
        var blocks: [(members: [Int], start: Double)] = []
        for index in order {
            blocks.append(([index], clamp(desired[index], count: 1, gap: gap, top: top, bottom: bottom)))
            while blocks.count > 1, let last = blocks.last, let previous = blocks.dropLast().last,
                  previous.start + Double(previous.members.count) * gap > last.start {
                let members = previous.members + last.members
                let mean = members.map { desired[$0] }.reduce(0, +) / Double(members.count)
                let start = clamp(mean - Double(members.count - 1) * gap / 2, count: members.count, gap: gap, top: top, bottom: bottom)
                blocks.removeLast(2)
                blocks.append((members, start))
            }
        }
        var placed = desired
        for block in blocks {
            for (offset, index) in block.members.enumerated() { placed[index] = block.start + Double(offset) * gap }
        }
        return placed
    }

    /// A block's first centre, moved so the block stays inside `top...bottom` (top wins when it cannot fit).
    private static func clamp(_ start: Double, count: Int, gap: Double, top: Double, bottom: Double) -> Double {
        let start = start.isFinite ? start : top
        return max(top, min(start, bottom - Double(count - 1) * gap))
    }
}
