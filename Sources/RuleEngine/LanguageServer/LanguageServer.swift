import Foundation

/// A Language Server Protocol 3.17 server for spp-check's files: rule files, rule tests,
/// waivers, plans and rosters, read by the library's own loaders so that the editor shows the
/// messages and places `lint` and `check` print.
///
/// Messages are handled in order on one queue; checks after an edit wait until typing pauses
/// (`debounce`), and a newer edit supersedes a check not yet started, so typing stays responsive.
public final class LanguageServer: @unchecked Sendable {
    public let workspace = Workspace()
    private let send: @Sendable (JSON) -> Void
    private let queue = DispatchQueue(label: "spp-check.lsp")
    private var debounce: Double
    private let lock = NSLock()
    private var cancelled = Set<String>()
    /// Per file edited, the generation of its last edit: a scheduled check runs only if still current.
    private var generations: [String: Int] = [:]
    /// Diagnostics by the file whose check produced them, then by the file they are in.
    private var bySource: [String: [String: [FileDiagnostic]]] = [:]
    private var shutdownRequested = false
    /// Set by `exit`: the status the process should end with.
    public private(set) var exitStatus: Int32?

    /// - Parameters:
    ///   - debounce: seconds to wait after an edit before checking (0: check at once, for tests).
    ///   - send: writes one message to the client.
    public init(debounce: Double = 0.15, send: @escaping @Sendable (JSON) -> Void) {
        self.debounce = debounce
        self.send = send
    }

    /// Serves messages read from `reader` until `exit` or the end of the stream.
    public static func serve(reader: inout MessageReader, writer: MessageWriter, debounce: Double = 0.15) -> Int32 {
        let server = LanguageServer(debounce: debounce) { writer.send($0) }
        while let item = reader.next() {
            switch item {
            case .message(let m): server.handle(m)
            case .malformed(let why): server.handleMalformed(why)
            }
            if let status = server.exitStatus { return status }
        }
        server.drain()
        return server.exitStatus ?? 1
    }

    /// Waits until every message handed in so far has been handled (and checks run).
    public func drain() {
        queue.sync {}
        queue.sync {}
    }

    /// A message that could not be read: the protocol's parse error, without an id.
    public func handleMalformed(_ why: String) {
        send(.object(["jsonrpc": "2.0", "id": .null,
                      "error": .object(["code": .int(-32700), "message": .string(why)])]))
    }

    /// Handles one message (request, notification or response).
    public func handle(_ message: JSON) {
        guard case .object(let m) = message else {
            send(.object(["jsonrpc": "2.0", "id": .null, "error": .object(["code": .int(-32600), "message": "a message must be a JSON object"])]))
            return
        }
        let method = m["method"]?.string
        let id = m["id"]
        if method == "$/cancelRequest" {
            if let target = m["params"]?["id"] {
                lock.withLock {
                    // Ids of requests answered before their cancellation arrived are never removed: bounded.
                    if cancelled.count > 10_000 { cancelled.removeAll() }
                    cancelled.insert(target.text)
                }
            }
            return
        }
        if method == "exit" {
            // After every message before it, `shutdown` included.
            exitStatus = queue.sync { shutdownRequested ? 0 : 1 }
            return
        }
        guard let method else {
            // A response to a request of ours (we send none that wait), or garbage with an id.
            if m["result"] == nil && m["error"] == nil, let id {
                send(.object(["jsonrpc": "2.0", "id": id, "error": .object(["code": .int(-32600), "message": "a request needs a method"])]))
            }
            return
        }
        let params = m["params"] ?? .null
        queue.async { [self] in
            if let id {
                if lock.withLock({ cancelled.remove(id.text) }) != nil {
                    send(.object(["jsonrpc": "2.0", "id": id, "error": .object(["code": .int(-32800), "message": "request cancelled"])]))
                    return
                }
                respond(id, method: method, params: params)
            } else {
                notify(method: method, params: params)
            }
        }
    }

    // MARK: requests

    private func respond(_ id: JSON, method: String, params: JSON) {
        let result: JSON?
        switch method {
        case "initialize": result = initialize(params)
        case "shutdown": shutdownRequested = true; result = .null
        case "textDocument/hover": result = at(params) { Hover.hover(self.workspace, $0, $1) } ?? .null
        case "textDocument/completion": result = at(params) { Completion.items(self.workspace, $0, $1) } ?? .null
        case "textDocument/definition": result = at(params) { Navigation.definition(self.workspace, $0, $1) } ?? .null
        case "textDocument/references": result = at(params) { Navigation.references(self.workspace, $0, $1) } ?? .null
        case "textDocument/documentSymbol":
            result = path(params).flatMap { p in workspace.document(p).map { DocumentSymbols.symbols(self.workspace, $0) } } ?? .array([])
        case "textDocument/codeAction":
            result = path(params).flatMap { p in workspace.document(p).map { CodeActions.actions(self.workspace, $0, params) } } ?? .array([])
        default:
            send(.object(["jsonrpc": "2.0", "id": id, "error": .object(["code": .int(-32601), "message": .string("method not found: \(method)")])]))
            return
        }
        send(.object(["jsonrpc": "2.0", "id": id, "result": result ?? .null]))
    }

    private func path(_ params: JSON) -> String? {
        params["textDocument"]?["uri"]?.string.flatMap(FileURI.path)
    }

    /// Runs a position request on the document and position it names.
    private func at(_ params: JSON, _ body: (TextDocument, Position) -> JSON?) -> JSON? {
        guard let p = path(params), let doc = workspace.document(p), let pos = Position(params["position"]) else { return nil }
        return body(doc, pos)
    }

    private func initialize(_ params: JSON) -> JSON {
        if let root = params["rootUri"]?.string.flatMap(FileURI.path) ?? params["rootPath"]?.string
            ?? params["workspaceFolders"]?.array?.first?["uri"]?.string.flatMap(FileURI.path) {
            workspace.root = root
        }
        if let rules = params["initializationOptions"]?["rules"]?.array?.compactMap(\.string) {
            workspace.rulePaths = rules.map { r in
                r.hasPrefix("/") ? r : ((workspace.root ?? FileManager.default.currentDirectoryPath) as NSString).appendingPathComponent(r)
            }
        }
        if let waivers = params["initializationOptions"]?["waivers"]?.string {
            workspace.waiversPath = waivers.hasPrefix("/") ? waivers
                : ((workspace.root ?? FileManager.default.currentDirectoryPath) as NSString).appendingPathComponent(waivers)
        }
        if let ms = params["initializationOptions"]?["debounceMs"]?.int, ms >= 0 { debounce = Double(ms) / 1000 }
        return .object([
            "capabilities": .object([
                "positionEncoding": "utf-16",
                "textDocumentSync": .object(["openClose": .bool(true), "change": .int(1), "save": .bool(true)]),
                "hoverProvider": .bool(true),
                "completionProvider": .object(["triggerCharacters": .array([".", ":", " ", ","])]),
                "definitionProvider": .bool(true),
                "referencesProvider": .bool(true),
                "codeActionProvider": .object(["codeActionKinds": .array(["quickfix"])]),
                "documentSymbolProvider": .bool(true),
            ]),
            "serverInfo": .object(["name": "spp-check", "version": .string(RunInfo.toolVersion)]),
        ])
    }

    // MARK: notifications

    private func notify(method: String, params: JSON) {
        switch method {
        case "textDocument/didOpen":
            guard let item = params["textDocument"], let p = item["uri"]?.string.flatMap(FileURI.path),
                  let text = item["text"]?.string else { return }
            workspace.open(TextDocument(path: p, text: text, version: item["version"]?.int ?? 0))
            schedule(p)
        case "textDocument/didChange":
            guard let p = path(params), let change = params["contentChanges"]?.array?.last, let text = change["text"]?.string else { return }
            // Full sync (the capability we announce): the last change holds the whole text.
            workspace.open(TextDocument(path: p, text: text, version: params["textDocument"]?["version"]?.int ?? 0))
            schedule(p)
        case "textDocument/didSave":
            if let p = path(params) { schedule(p) }
        case "textDocument/didClose":
            guard let p = path(params) else { return }
            workspace.close(p)
            // What is on disk now (the file may have been deleted while open).
            schedule(p)
        case "workspace/didChangeWatchedFiles":
            workspace.diskChanged()
            for change in params["changes"]?.array ?? [] {
                if let p = change["uri"]?.string.flatMap(FileURI.path) { schedule(p) }
            }
        default:
            break  // notifications we do not know are ignored, as the protocol asks
        }
    }

    /// Checks `path` once typing pauses; a later edit of the same file replaces this check.
    private func schedule(_ path: String) {
        generations[path, default: 0] += 1
        let generation = generations[path]!
        if debounce <= 0 {
            analyze(path)
        } else {
            queue.asyncAfter(deadline: .now() + debounce) { [self] in
                guard generations[path] == generation else { return }
                analyze(path)
            }
        }
    }

    /// Checks what an edit of `path` affects, and publishes the diagnostics of every file touched.
    public func analyze(_ path: String) {
        let start = Timing.now()
        defer { Timing.note("lsp analyze \(path)", since: start) }
        let role = workspace.role(path)
        var results: [String: [String: [FileDiagnostic]]] = [path: [:]]
        switch role {
        case .rules:
            results[path] = workspace.lint(path, role: .rules)
            for plan in workspace.plans(usingRules: path) { results[plan] = workspace.checkPlan(plan) }
        case .ruleTest:
            results[path] = workspace.lint(path, role: role)
        case .waivers:
            results[path] = workspace.lint(path, role: role)
            if path == workspace.waiversPath {
                for plan in workspace.plans.keys.sorted() { results[plan] = workspace.checkPlan(plan) }
            }
        case .plan:
            results[path] = workspace.checkPlan(path)
        case .roster:
            for plan in workspace.plans(reading: path) { results[plan] = workspace.checkPlan(plan) }
        case .notOurs:
            break
        }
        var touched = Set<String>()
        for (source, files) in results {
            touched.formUnion(bySource[source]?.keys ?? [:].keys)
            touched.formUnion(files.keys)
            bySource[source] = files
        }
        touched.insert(path)
        for file in touched.sorted() { publish(file) }
    }

    /// Sends the diagnostics of `file` gathered from every check.
    private func publish(_ file: String) {
        let all = bySource.values.flatMap { $0[file] ?? [] }
        var unique: [FileDiagnostic] = []
        var seen = Set<FileDiagnostic>()
        for d in all where seen.insert(d).inserted { unique.append(d) }
        let doc = unique.isEmpty ? nil : workspace.document(file)
        let diagnostics: [JSON] = unique.map { d in
            let range = doc?.range(at: d.location)
                ?? TextRange(start: Position(line: max(0, d.location.line - 1), character: 0), end: Position(line: max(0, d.location.line - 1), character: 0))
            var o: [String: JSON] = ["range": range.json, "severity": .int(d.severity), "message": .string(d.message), "source": "spp-check"]
            if let code = d.code { o["code"] = .string(code) }
            if let data = d.data { o["data"] = data }
            return .object(o)
        }
        var params: [String: JSON] = ["uri": .string(FileURI.uri(file)), "diagnostics": .array(diagnostics)]
        if let version = workspace.documents[file]?.version { params["version"] = .int(version) }
        send(.object(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": .object(params)]))
    }
}

extension JSON: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
