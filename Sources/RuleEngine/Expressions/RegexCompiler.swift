/// Turns a `RegexNode` tree into the Pike VM's instructions, bounded by `Regex.maxProgram`.
struct RegexCompiler {
    var program: [Instruction] = []

    mutating func append(_ i: Instruction) throws(Regex.ParseError) {
        if program.count >= Regex.maxProgram { throw Regex.ParseError(message: "regular expression too large") }
        program.append(i)
    }

    mutating func emit(_ node: RegexNode) throws(Regex.ParseError) {
        switch node {
        case .empty: break
        case .char(let m): try append(.char(m))
        case .assert(let k): try append(.assert(k))
        case .concat(let items): for item in items { try emit(item) }
        case .alternate(let branches):
            var jumps: [Int] = []
            for (i, branch) in branches.enumerated() {
                if i < branches.count - 1 {
                    let split = program.count
                    try append(.split(split + 1, -1))
                    try emit(branch)
                    jumps.append(program.count)
                    try append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repeat(let inner, let lo, let hi):
            if lo > Regex.maxRepeat || (hi ?? 0) > Regex.maxRepeat {
                throw Regex.ParseError(message: "repetition count above \(Regex.maxRepeat)")
            }
            if let hi, hi < lo { throw Regex.ParseError(message: "invalid repetition range {\(lo),\(hi)}") }
            for _ in 0..<lo { try emit(inner) }
            if let hi {
                // Optional copies: (x(x(x)?)?)?
                var splits: [Int] = []
                for _ in lo..<hi {
                    splits.append(program.count)
                    try append(.split(program.count + 1, -1))
                    try emit(inner)
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                // Star: L: split(body, end); body; jump L
                let loop = program.count
                try append(.split(loop + 1, -1))
                let bodyStart = program.count
                try emit(inner)
                if program.count == bodyStart {
                    // An empty body would loop without consuming: drop the loop.
                    program.removeLast()
                    return
                }
                try append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
