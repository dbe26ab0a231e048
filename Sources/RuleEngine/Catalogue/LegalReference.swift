import Foundation

/// What a rule's reference (`"CSP R2324-43 (à tout instant…)"`) cites: the code articles it
/// names, and where to read them on Légifrance.
///
/// Links are never invented: an identifier written in the reference (`JORFARTI…`, `LEGIARTI…`,
/// `JORFTEXT…`) links to its page; a code article links to a Légifrance search for it (the
/// article's own identifier is not known here); anything else (case law, DOMAIN notes) has none.
public struct LegalReference: Sendable, Hashable {
    /// A code article: `CSP R2324-43`.
    public struct Article: Sendable, Hashable, Comparable {
        /// The code's short name as the packs write it (`CSP`, `Code des transports`).
        public var code: String
        public var number: String

        /// `CSP R2324-43`.
        public var key: String { "\(code) \(number)" }
        /// An HTML id and file-safe form: `CSP-R2324-43`.
        public var anchor: String {
            String(key.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
                .folding(options: .diacriticInsensitive, locale: nil)
        }

        public static func < (a: Article, b: Article) -> Bool {
            (a.code, Self.sortKey(a.number)) < (b.code, Self.sortKey(b.number))
        }

        /// `R2324-43-1` after `R2324-43`, `L311-3` before `L743-2`: letter, then each number.
        static func sortKey(_ number: String) -> String {
            let letter = number.first.map { $0.isLetter ? String($0) : "" } ?? ""
            let digits = number.dropFirst(letter.count).split(separator: "-").map { part in
                String(repeating: "0", count: max(0, 6 - part.count)) + part
            }
            return letter + digits.joined(separator: "-")
        }
    }

    /// The codes the packs cite, with their full names for searches.
    static let codes: [(names: [String], short: String, full: String)] = [
        (["CSP", "Code de la santé publique"], "CSP", "code de la santé publique"),
        (["CSI", "Code de la sécurité intérieure"], "CSI", "code de la sécurité intérieure"),
        (["CSS", "Code de la sécurité sociale"], "CSS", "code de la sécurité sociale"),
        (["CASF", "Code de l'action sociale et des familles"], "CASF", "code de l'action sociale et des familles"),
        (["CGCT", "Code général des collectivités territoriales"], "CGCT", "code général des collectivités territoriales"),
        (["Code de la route"], "Code de la route", "code de la route"),
        (["Code des transports"], "Code des transports", "code des transports"),
        (["Code des assurances"], "Code des assurances", "code des assurances"),
        (["Code pénal"], "Code pénal", "code pénal"),
        (["Code du travail"], "Code du travail", "code du travail"),
        (["Code civil"], "Code civil", "code civil"),
        (["Code de l'éducation"], "Code de l'éducation", "code de l'éducation"),
    ]

    /// Words that make a reference a legal text (a statute, a decree, an order, case law, a
    /// local act such as an SDIS's règlement opérationnel, an arrêté préfectoral).
    static let legalWords = ["décret", "arrêté", "loi n", "loi du", "ordonnance", "directive", "règlement (ue)",
                             "règlement opérationnel", "cjue", "conseil d'état", "conseil constitutionnel",
                             "cour de cassation", "jorfarti", "jorftext", "legiarti"]
    /// Case-law citations start so: `CE, …`, `CE Ass., …`, `CC n° …`, `Cass. …`.
    static let caseLawStarts = ["CE ", "CE,", "CC ", "Cass.", "Cass ", "TC ", "CAA ", "TA "]

    public var text: String
    public var articles: [Article]

    public init(_ text: String) {
        self.text = text
        articles = Self.articles(in: text)
    }

    /// Whether the reference cites a legal text (not only a note of DOMAIN.md or an operator's terms).
    public static func isLegalText(_ text: String) -> Bool {
        if codes.contains(where: { entry in entry.names.contains { text.hasPrefix($0 + " ") || text.hasPrefix($0 + ",") } }) { return true }
        if caseLawStarts.contains(where: text.hasPrefix) { return true }
        let lower = text.lowercased()
        return legalWords.contains { lower.contains($0) }
    }

    /// The full name of a code's short name.
    static func fullName(_ code: String) -> String {
        codes.first { $0.short == code }?.full ?? code
    }

    /// The code articles a reference names: `R…`, `L…`, `D…` numbers after a known code, or a
    /// plain number after `art.`; text in parentheses is commentary and is skipped.
    static func articles(in text: String) -> [Article] {
        guard let code = codes.first(where: { entry in entry.names.contains { text.hasPrefix($0 + " ") || text.hasPrefix($0 + ",") } }) else { return [] }
        let name = code.names.first { text.hasPrefix($0) } ?? ""
        var rest = "", depth = 0
        for c in text.dropFirst(name.count) {
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if depth == 0 { rest.append(c) }
        }
        var out: [Article] = []
        var afterArt = false
        for raw in rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }) {
            let token = String(raw)
            if token == "art." || token == "article" { afterArt = true; continue }
            let body = token.first.map { "LRD".contains($0) } == true ? token.dropFirst() : Substring(token)
            let parts = body.split(separator: "-", omittingEmptySubsequences: false)
            let numeric = !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            if numeric && (body.count < token.count || afterArt) {
                let article = Article(code: code.short, number: token)
                if !out.contains(article) { out.append(article) }
            }
            afterArt = false
        }
        return out
    }

    /// Légifrance identifiers written in the reference, with their pages.
    public var directLinks: [(id: String, url: String)] {
        var out: [(String, String)] = []
        for prefix in ["JORFARTI", "LEGIARTI", "JORFTEXT"] {
            var search = text[...]
            while let range = search.range(of: prefix) {
                let digits = search[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
                if digits.count == 12 {
                    let id = prefix + digits
                    let path = prefix == "JORFARTI" ? "jorf/article_jo" : prefix == "LEGIARTI" ? "codes/article_lc" : "jorf/id"
                    out.append((id, "https://www.legifrance.gouv.fr/\(path)/\(id)"))
                }
                search = search[range.upperBound...]
            }
        }
        return out
    }

    /// A Légifrance search for a code article (its identifier is not known here).
    public static func searchURL(_ article: Article) -> String {
        let query = "article \(article.number) \(fullName(article.code))"
        // ASCII only: a letter like 'é' is percent-encoded as its UTF-8 bytes.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        let encoded = query.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=ALL&query=\(encoded)&page=1&init=true"
    }
}
