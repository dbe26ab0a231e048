/// What `limit` measures over one subject's counted assignments: hours in rolling windows or
/// calendar periods, rests, blocks, weeks served, weekly hours against promised weeks. Each
/// gives a `Measure` the kind turns into a result.
extension LimitRule {
    /// The calendar weeks (Monday 00:00 to Monday 00:00, local) wholly inside the checking
    /// period in which some unit has promised hours.
    func promisedWeeks(_ data: ServiceData) -> [Timeline.Span] {
        let zone = data.timeZone
        let period = data.plan.period
        var open: [Timeline.Span] = []
        for unit in data.plan.units {
            for i in data.openIntervals(of: unit) { open.append(Timeline.Span(i.start, i.end)) }
        }
        let promised = Timeline.merge(open)
        let start = period.start.daysSinceEpoch
        var monday = start + Int64((7 - period.start.weekday) % 7)
        var weeks: [Timeline.Span] = []
        var p = 0
        while monday + 7 <= period.end.daysSinceEpoch {
            let week = Timeline.Span(zone.startOfDay(CivilDate(daysSinceEpoch: monday)), zone.startOfDay(CivilDate(daysSinceEpoch: monday + 7)))
            while p < promised.count && promised[p].end <= week.start { p += 1 }
            if p < promised.count && promised[p].start < week.end { weeks.append(week) }
            monday += 7
        }
        return weeks
    }

    func weeklyHours(_ who: String, _ spans: [Timeline.Span], _ weeks: [Timeline.Span], _ limit: Double, _ data: ServiceData) -> Measure {
        let zone = data.timeZone
        let merged = Timeline.merge(spans)
        var short: [(week: Timeline.Span, seconds: Int64)] = []
        var j = 0
        for week in weeks {
            while j < merged.count && merged[j].end <= week.start { j += 1 }
            var total: Int64 = 0
            var k = j
            while k < merged.count && merged[k].start < week.end {
                total &+= min(merged[k].end, week.end) - max(merged[k].start, week.start)
                k += 1
            }
            if Double(total) / 3600 < limit { short.append((week, total)) }
        }
        guard let worst = short.min(by: { ($0.seconds, $0.week.start) < ($1.seconds, $1.week.start) }) else {
            return .kept("min_hours", limit: limit)
        }
        let monday = LocalDates.date(worst.week.start, zone)
        let others = short.count - 1
        let more = others > 0 ? "; \(others) other week\(others == 1 ? " is" : "s are") short too" : ""
        return Measure(name: "min_hours", failed: true, measured: Double(worst.seconds) / 3600, limit: limit, window: worst.week,
                       others: others,
                       message: "\(who) serves \(KindTime.hours(worst.seconds)) h in the week of \(monday.iso), less than \(numberText(limit)) h\(more)",
                       fix: "assign \(who) \(numberText(limit - Double(worst.seconds) / 3600)) h more in the week of \(monday.iso)",
                       measuredText: "\(KindTime.hours(worst.seconds)) h in the week of \(monday.iso)",
                       expectedText: "at least \(numberText(limit)) h in every week")
    }

    /// The calendar periods in which the assignments starting there (merged: overlaps count
    /// once) last more than `limit` hours, oldest first. `list` is sorted by start, so the
    /// periods come in order and one pass groups them.
    func hoursPerPeriod(_ calendar: CalendarPeriod, _ who: String, _ list: [Int], _ limit: Double, _ data: ServiceData) -> [Measure] {
        let zone = data.timeZone
        var out: [Measure] = []
        var k = 0
        while k < list.count {
            let first = calendar.first(of: LocalDates.date(data.assignments[list[k]].start, zone))
            let next = calendar.next(after: first)
            let bounds = Timeline.Span(zone.startOfDay(first), zone.startOfDay(next))
            // Union length of the spans starting in the period (sorted by start).
            var total: Int64 = 0
            var block = Timeline.Span(data.assignments[list[k]].start, data.assignments[list[k]].start)
            let from = k
            // The first assignment is always in its own period (`k == from`), so each pass
            // moves on, whatever the time zone does at midnight.
            while k < list.count && (k == from || data.assignments[list[k]].start < bounds.end) {
                let a = data.assignments[list[k]]
                if a.start > block.end {
                    total &+= block.length
                    block = Timeline.Span(a.start, a.end)
                } else if a.end > block.end {
                    block.end = a.end
                }
                k += 1
            }
            total &+= block.length
            let hours = Double(total) / 3600
            guard hours > limit else { continue }
            let period = calendar.name(first)
            let article = calendar == .day ? "on " : "in "
            out.append(Measure(name: "max_hours", failed: true, measured: hours, limit: limit, window: bounds, others: 0,
                               message: "\(who) serves \(KindTime.hours(total)) h \(article)\(period), more than \(numberText(limit)) h",
                               fix: "spread or reassign \(numberText(hours - limit)) h of \(who)'s assignments starting \(article)\(period)",
                               measuredText: "\(KindTime.hours(total)) h \(article)\(period)",
                               expectedText: "at most \(numberText(limit)) h in each calendar \(calendar.rawValue)",
                               period: first, first: list[from]))
        }
        return out
    }

    func hoursInWindow(_ who: String, _ spans: [Timeline.Span], _ limit: Double, _ data: ServiceData) -> Measure {
        let zone = data.timeZone
        let windowText = windowName(window)
        guard let (total, worst) = Timeline.maxLoad(spans, width: window) else {
            return .kept("max_hours", limit: limit, measuredText: "0 h")
        }
        let hours = Double(total) / 3600
        let failed = hours > limit
        // A pass says nothing: its texts are not built (a national run has 200,000).
        guard failed else {
            return .kept("max_hours", limit: limit, measured: hours, window: worst)
        }
        return Measure(name: "max_hours", failed: failed, measured: hours, limit: limit, window: worst, others: 0,
                       message: "\(who) serves \(KindTime.hours(total)) h in the \(windowText) \(KindTime.span(worst, zone)), more than \(numberText(limit)) h",
                       fix: "spread or reassign \(numberText(hours - limit)) h of \(who)'s assignments in \(KindTime.span(worst, zone))",
                       measuredText: "\(KindTime.hours(total)) h in \(KindTime.key(worst, zone))",
                       expectedText: "at most \(numberText(limit)) h in any \(windowText)")
    }

    func rests(_ who: String, _ spans: [Timeline.Span], _ limit: Double, _ data: ServiceData) -> Measure {
        let zone = data.timeZone
        let minimum = Int64((limit * 3600).rounded())
        let short = Timeline.shortRests(spans, minimum: minimum)
        guard let worst = short.min(by: { ($0.length, $0.start) < ($1.length, $1.start) }) else {
            return .kept("min_rest_hours", limit: limit)
        }
        let others = short.count - 1
        let more = others > 0 ? "; \(others) other rest\(others == 1 ? " is" : "s are") short too" : ""
        return Measure(name: "min_rest_hours", failed: true, measured: Double(worst.length) / 3600, limit: limit, window: worst,
                       others: others,
                       message: "\(who) rests only \(KindTime.hours(worst.length)) h (\(KindTime.span(worst, zone))), less than \(numberText(limit)) h\(more)",
                       fix: "move the assignment of \(who) starting \(LocalTime.format(utc: worst.end, in: zone)) to \(LocalTime.format(utc: worst.start &+ minimum, in: zone)) or later, or give it to someone else",
                       measuredText: "rest of \(KindTime.hours(worst.length)) h in \(KindTime.key(worst, zone))",
                       expectedText: "rests of at least \(numberText(limit)) h")
    }

    /// Blocks longer than `limit` hours; with `compensated`, a block of at most that many hours
    /// followed by a rest at least as long (up to the next block; none in the data counts as
    /// rest) is lawful.
    func blocks(_ who: String, _ spans: [Timeline.Span], _ limit: Double, compensated: Double? = nil,
                _ data: ServiceData) -> Measure {
        let zone = data.timeZone
        let maximum = Int64((limit * 3600).rounded())
        let merged = Timeline.merge(spans)
        var long: [Timeline.Span] = []
        for (i, block) in merged.enumerated() where block.length > maximum {
            if let compensated, block.length <= Int64((compensated * 3600).rounded()) {
                let next = i + 1 < merged.count ? merged[i + 1].start : Int64.max
                if next - block.end >= block.length { continue }
            }
            long.append(block)
        }
        guard let worst = long.max(by: { ($0.length, -$0.start) < ($1.length, -$1.start) }) else {
            return .kept("max_block_hours", limit: limit)
        }
        let others = long.count - 1
        let more = others > 0 ? "; \(others) other block\(others == 1 ? " is" : "s are") too long" : ""
        return Measure(name: "max_block_hours", failed: true, measured: Double(worst.length) / 3600, limit: limit, window: worst,
                       others: others,
                       message: "\(who) serves \(KindTime.hours(worst.length)) h without a break (\(KindTime.span(worst, zone))), more than \(numberText(limit)) h\(compensated.map { " without an equal compensatory rest after it (blocks up to \(numberText($0)) h are allowed with one)" } ?? "")\(more)",
                       fix: "split the block of \(who) in \(KindTime.span(worst, zone)) between contributors",
                       measuredText: "block of \(KindTime.hours(worst.length)) h in \(KindTime.key(worst, zone))",
                       expectedText: "blocks of at most \(numberText(limit)) h")
    }

    func weeks(_ who: String, _ list: [Int], _ limit: Double, _ data: ServiceData) -> Measure {
        let zone = data.timeZone
        // Monday (day number) of the local week each assignment starts in, distinct, sorted.
        var mondays: [Int64] = []
        for i in list {
            let d = LocalDates.date(data.assignments[i].start, zone)
            mondays.append(d.daysSinceEpoch - Int64(d.weekday))
        }
        mondays.sort()
        var distinct: [Int64] = []
        for m in mondays where distinct.last != m { distinct.append(m) }
        // The most weeks whose Mondays fall in one window of `weeksWindowDays` days.
        var best = 0, bestFrom = 0, j = 0
        for i in distinct.indices {
            while distinct[i] - distinct[j] >= weeksWindowDays { j += 1 }
            if i - j + 1 > best { best = i - j + 1; bestFrom = j }
        }
        let first = CivilDate(daysSinceEpoch: distinct.isEmpty ? 0 : distinct[bestFrom])
        let last = CivilDate(daysSinceEpoch: distinct.isEmpty ? 0 : distinct[bestFrom + max(0, best - 1)])
        let windowSpan = Timeline.Span(zone.startOfDay(first), zone.startOfDay(CivilDate(daysSinceEpoch: last.daysSinceEpoch + 7)))
        let failed = Double(best) > limit
        // A pass says nothing: its texts are not built.
        guard failed else {
            return .kept("max_weeks", limit: limit, measured: Double(best), window: windowSpan)
        }
        return Measure(name: "max_weeks", failed: failed, measured: Double(best), limit: limit, window: windowSpan, others: 0,
                       message: "\(who) serves in \(best) weeks within \(weeksWindowDays) days (weeks of \(first.iso) to \(last.iso)), more than \(numberText(limit))",
                       fix: "give \(numberText(Double(best) - limit)) of these weeks of \(who) to other contributors",
                       measuredText: "\(best) weeks from \(first.iso) to \(last.iso)",
                       expectedText: "at most \(numberText(limit)) weeks in any \(weeksWindowDays) days")
    }

    func windowName(_ seconds: Int64) -> String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400) days" }
        if seconds % 3600 == 0 { return "\(seconds / 3600) hours" }
        return "\(seconds / 60) minutes"
    }
}
