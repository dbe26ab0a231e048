/// Records decoded from roster files, before cross-references are resolved.
struct RosterRecords {
    var contributors: [Contributor] = []
    var assignments: [Assignment] = []
    typealias QualificationRow = (contributor: String, qualification: Qualification, location: Location)
    /// Rows of qualification files, with their contributor id (the latest, after `qualificationParts`).
    var qualifications: [QualificationRow] = []
    /// Earlier rows, in file order: chunks read on other threads are kept as they were read,
    /// not copied into one array (70 MB for the national roster).
    var qualificationParts: [[QualificationRow]] = []

    /// Every qualification row in file order, part by part.
    var allQualifications: [[QualificationRow]] {
        qualifications.isEmpty ? qualificationParts : qualificationParts + [qualifications]
    }
    var attendance: [Attendance] = []
    var carpoolRequests: [CarpoolRequest] = []
    /// The plan's units, to resolve assignments while they are decoded.
    var unitTable = IDTable(capacity: 0)
    /// The contributors read so far (built when the first assignments file starts).
    var peopleTable: IDTable?
    /// (index, index of the first with the same id) for each repeated id in `peopleTable`.
    var duplicateContributors: [(Int, Int)] = []
    /// Whether assignment ids came in strictly increasing order (then none repeats).
    var assignmentIDsIncreasing = true
    var lastAssignmentID: String?

    /// Assignments waiting for their contributor lookup, resolved 32 at a time.
    private var pending: [Int] = []
    private var pendingHashes = [UInt64](repeating: 0, count: RosterRecords.batch)
    private static let batch = 32
    /// Keeps the batched loads observable.
    private(set) var touched: UInt64 = 0

    /// Appends an assignment; resolves its unit now and its contributor in the next batch.
    mutating func append(_ a: consuming Assignment) {
        a.index = assignments.count
        if let u = unitTable.find(a.unit) { a.unitIndex = u }
        if assignmentIDsIncreasing {
            if let last = lastAssignmentID, !(last < a.id) { assignmentIDsIncreasing = false }
            lastAssignmentID = a.id
        }
        assignments.append(a)
        if peopleTable != nil {
            pending.append(assignments.count - 1)
            if pending.count == RosterRecords.batch { flushPending() }
        }
    }

    /// Looks up the pending assignments' contributors: first every hash and a load of its slot
    /// (the cache misses overlap), then the real probes, which now hit the cache. One miss per
    /// assignment was most of the load time of a million-row roster.
    mutating func flushPending() {
        guard let table = peopleTable, !pending.isEmpty else { return }
        for (k, i) in pending.enumerated() { pendingHashes[k] = IDTable.hash(assignments[i].contributor) }
        let n = pending.count
        touched &+= pendingHashes.withUnsafeMutableBufferPointer { table.touch(UnsafeMutableBufferPointer(rebasing: $0[0..<n])) }
        for (k, i) in pending.enumerated() {
            if let p = table.find(assignments[i].contributor, hash: pendingHashes[k]) { assignments[i].contributorIndex = p }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Empty records that resolve units and contributors as these do: for one chunk of a file
    /// read on its own thread (the tables are shared, read only).
    func emptyForChunk() -> RosterRecords {
        var r = RosterRecords()
        r.unitTable = unitTable
        r.peopleTable = peopleTable
        return r
    }

    /// Appends a chunk's records, read after these: renumbers some and carries on the check
    /// that assignment ids increase, so that the result is the same as reading the rows here.
    mutating func append(chunk c: RosterRecords) {
        // Contributors and assignments keep their index within the chunk: `PlanLoader.resolve`
        // numbers them all, touching each anyway.
        contributors.append(contentsOf: c.contributors)
        if assignmentIDsIncreasing, let first = c.assignments.first {
            if !c.assignmentIDsIncreasing {
                assignmentIDsIncreasing = false
            } else if let last = lastAssignmentID, !(last < first.id) {
                assignmentIDsIncreasing = false
            } else {
                lastAssignmentID = c.lastAssignmentID
            }
        }
        assignments.append(contentsOf: c.assignments)
        if !c.qualifications.isEmpty {
            if !qualifications.isEmpty {
                qualificationParts.append(qualifications)
                qualifications = []
            }
            qualificationParts.append(c.qualifications)
        }
        let tb = attendance.count
        attendance.append(contentsOf: c.attendance)
        if tb > 0 { for i in tb..<attendance.count { attendance[i].index += tb } }
        let rb = carpoolRequests.count
        carpoolRequests.append(contentsOf: c.carpoolRequests)
        if rb > 0 { for i in rb..<carpoolRequests.count { carpoolRequests[i].index += rb } }
        touched &+= c.touched
    }

    /// Makes room for `n` more records of `kind`.
    mutating func reserve(_ n: Int, of kind: RosterReference.Kind) {
        switch kind {
        case .assignments: assignments.reserveCapacity(assignments.count + n)
        case .contributors: contributors.reserveCapacity(contributors.count + n)
        case .qualifications: qualifications.reserveCapacity(qualifications.count + n)
        default: break
        }
    }

    /// Indexes the contributors read so far, once, before assignments are decoded.
    mutating func prepareForAssignments() {
        guard peopleTable == nil, !contributors.isEmpty else { return }
        var t = IDTable(capacity: contributors.count)
        for i in contributors.indices {
            if let first = t.insert(contributors[i].id, index: i) { duplicateContributors.append((i, first)) }
        }
        peopleTable = t
    }
}
