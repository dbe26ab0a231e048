import Foundation

/// French for the texts the rule kinds write in English themselves — measured and expected
/// values, reasons a result is indeterminate, weekday and month names in dates — so that a
/// `--lang fr` report is French all the way, rule texts (from the packs) and labels included.
///
/// The kinds build these texts from a few fixed phrases; each phrase is translated here, by
/// pattern, once per distinct text (a national report repeats the same measured and expected
/// values many times). A text no pattern knows is left as it is.
// TODO(lead): the kinds could take the language and write French themselves; until then this
// phrasebook keeps every reporter in one language.
public enum FrenchPhrases {
    /// `findings` with their messages, values and fixes in French.
    public static func translate(_ findings: [Finding]) -> [Finding] {
        var cache: [String: String] = [:]
        func fr(_ s: String) -> String {
            if let hit = cache[s] { return hit }
            let out = translate(s)
            if cache.count < 100_000 { cache[s] = out }
            return out
        }
        return findings.map { f in
            var f = f
            f.message = fr(f.message)
            f.measured = f.measured.map(fr)
            f.expected = f.expected.map(fr)
            f.fix = f.fix.map(fr)
            return f
        }
    }

    /// One text in French, as far as its phrases are known.
    public static func translate(_ text: String) -> String {
        var s = weekdays(text)
        // Anchors are looked for with strstr: Foundation's String.contains costs a
        // microsecond or more each on Linux, and a text is tried against every anchor.
        var hits: [Int] = []
        s.withCString { c in
            for (i, anchor) in anchors.enumerated() where anchor.withCString({ strstr(c, $0) }) != nil { hits.append(i) }
        }
        for i in hits {
            let (_, regex, template) = compiled[i]
            s = regex.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
        }
        return s
    }

    static let anchors: [String] = compiled.map(\.0)

    /// `Wed 2026-10-07` → `mer. 2026-10-07`: a weekday's English abbreviation before a digit,
    /// as a word, replaced in one pass over the bytes (dates are in most messages).
    static func weekdays(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5 else { return text }
        var out: [UInt8] = []
        var i = 0, changed = false
        while i < bytes.count {
            if i + 4 < bytes.count, bytes[i + 3] == 0x20, (0x30...0x39).contains(bytes[i + 4]),
               i == 0 || !isLetter(bytes[i - 1]),
               let day = englishDays.firstIndex(where: { $0.elementsEqual(bytes[i..<i + 3]) }) {
                if !changed { out.reserveCapacity(bytes.count + 16); out.append(contentsOf: bytes[0..<i]); changed = true }
                out.append(contentsOf: frenchDays[day])
                i += 4
                continue
            }
            if changed { out.append(bytes[i]) }
            i += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b >= 0x80 }
    static let englishDays: [[UInt8]] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map { Array($0.utf8) }
    static let frenchDays: [[UInt8]] = ["lun. ", "mar. ", "mer. ", "jeu. ", "ven. ", "sam. ", "dim. "].map { Array($0.utf8) }

    static let date = #"(\d{4}-\d{2}-\d{2})"#

    /// Anchor (a literal the text must hold for the pattern to be tried), pattern, French.
    /// Longer phrases come before the words they contain.
    static let phrases: [(String, String, String)] = [
        // Month names in monthly windows (`, October 2026`).
        ("January ", #"\bJanuary (?=\d{4})"#, "janvier "),
        ("February ", #"\bFebruary (?=\d{4})"#, "février "),
        ("March ", #"\bMarch (?=\d{4})"#, "mars "),
        ("April ", #"\bApril (?=\d{4})"#, "avril "),
        ("May ", #"\bMay (?=\d{4})"#, "mai "),
        ("June ", #"\bJune (?=\d{4})"#, "juin "),
        ("July ", #"\bJuly (?=\d{4})"#, "juillet "),
        ("August ", #"\bAugust (?=\d{4})"#, "août "),
        ("September ", #"\bSeptember (?=\d{4})"#, "septembre "),
        ("October ", #"\bOctober (?=\d{4})"#, "octobre "),
        ("November ", #"\bNovember (?=\d{4})"#, "novembre "),
        ("December ", #"\bDecember (?=\d{4})"#, "décembre "),
        // Fallbacks (their texts often fill a pack message's {{detail}}).
        ("the fallback of unit ", #"the fallback of unit (\S+)"#, "le repli de l'unité $1"),
        ("the plan's fallback, used by unit ", #"the plan's fallback, used by unit (\S+),"#, "le repli du plan, utilisé par l'unité $1,"),
        (" acts within ", #" acts within (\d+) min, more than (\d+) min"#, " intervient en $1 min, plus que $2 min"),
        (" has no fallback", #"^unit (\S+) has no fallback, neither its own nor the plan's"#, "l'unité $1 n'a aucun repli, ni le sien ni celui du plan"),
        ("nobody takes over", #" is 'none': nobody takes over when contributors are missing"#, " est 'none' : personne ne prend le relais quand des contributeurs manquent"),
        ("declare a fallback for unit ", #"^declare a fallback for unit (\S+)"#, "déclarer un repli pour l'unité $1"),
        ("give unit ", #"^give unit (\S+) a fallback mode"#, "donner un mode de repli à l'unité $1"),
        // Indeterminate reasons.
        ("cannot decide: missing ", #"cannot decide: missing "#, "indécidable : il manque "),
        ("cannot decide the age of ", #"cannot decide the age of (\S+): missing birth date"#, "âge de $1 indécidable : date de naissance manquante"),
        ("cannot decide the age bounds of ", #"cannot decide the age bounds of (\S+) for assignment (\S+):"#, "limites d'âge de $1 indécidables pour l'affectation $2 :"),
        ("cannot decide the group of assignment ", #"cannot decide the group of assignment (\S+): missing "#, "groupe de l'affectation $1 indécidable : il manque "),
        ("cannot decide whether assignment ", #"cannot decide whether assignment (\S+) counts"#, "impossible de dire si l'affectation $1 compte"),
        ("cannot decide whether 'slots' selects this slot", #"cannot decide whether 'slots' selects this slot"#, "impossible de dire si 'slots' retient ce créneau"),
        ("cannot decide whether 'units' selects unit ", #"cannot decide whether 'units' selects unit (\S+?):"#, "impossible de dire si 'units' retient l'unité $1 :"),
        ("cannot decide whether coverage survives ", #"cannot decide whether coverage survives (\d+) absences? on "#, "impossible de dire si la couverture résiste à $1 absence(s) les "),
        ("cannot decide whether the ", #"cannot decide whether the (\S+) covers assignment (\S+?):"#, "impossible de dire si $1 couvre l'affectation $2 :"),
        ("cannot decide whether the group serves at least ", #"cannot decide whether the group serves at least (\S+ ?%?) of the hours \(between (\S+ ?%?) and (\S+ ?%?)\)"#,
         "impossible de dire si le groupe sert au moins $1 des heures (entre $2 et $3)"),
        ("cannot decide whether ", #"cannot decide whether (\S+) carries more than (\S+ ?%?) of the served hours \(between (\S+ ?%?) and (\S+ ?%?)\)"#,
         "impossible de dire si $1 porte plus de $2 des heures servies (entre $3 et $4)"),
        ("cannot decide whether ", #"cannot decide whether (.+?) acts within (\d+) min: it states no max_delay_minutes"#,
         "impossible de dire si $1 intervient en $2 min : aucun max_delay_minutes n'est indiqué"),
        ("cannot decide whether ", #"cannot decide whether (.+?) is met"#, "impossible de dire si l'exigence ($1) est tenue"),
        ("cannot compute the adults required: missing ", #"cannot compute the adults required: missing "#, "nombre d'adultes requis incalculable : il manque "),
        ("cannot evaluate: ", #"cannot evaluate: "#, "évaluation impossible : "),
        (": missing ", #": missing "#, " : il manque "),
        ("unit ", #"^unit (\S+?)([,:])"#, "unité $1$2"),
        // Response times (kind response_time).
        ("cannot check response times: ", #"^cannot check response times: the plan gives no response-time targets and travel times \(territory.response\)"#, "délais d'arrivée invérifiables : le plan ne donne ni objectifs ni temps de trajet (territory.response)"),
        ("cannot check the response time of commune ", #"cannot check the response time of commune (\S+?): "#, "délai d'arrivée de la commune $1 invérifiable : "),
        (" has no risk level", #"commune (\S+) has no risk level"#, "la commune $1 n'a pas de niveau de risque"),
        ("no travel time from any unit to commune ", #"no travel time from any unit to commune (\S+)"#, "aucun temps de trajet d'une unité vers la commune $1"),
        ("the plan sets no response-time target for risk ", #"the plan sets no response-time target for risk '([^']*)'"#, "le plan ne fixe pas d'objectif de délai pour le risque '$1'"),
        ("no unit of the travel table staffed", #"^no unit of the travel table staffed$"#, "aucune unité du tableau des trajets armée"),
        (" min for risk ", #"^at most (\S+) min for risk (\S+)"#, "au plus $1 min pour le risque $2"),
        // Measured and expected values.
        ("not valid on ", #"^not valid on "#, "non valide le "),
        ("valid from ", #"^valid from \#(date) through \#(date)$"#, "valide du $1 au $2"),
        (" depend on ", #"^(\S+) h depend on "#, "$1 h dépendent de "),
        ("coverage with ", #"^coverage with (\d+) absent$"#, "couverture avec $1 absent(s)"),
        (" present", #"^(\d+) present$"#, "$1 présent(s)"),
        (" on ", #"^(\d+) on \#(date)$"#, "$1 ans le $2"),
        (" h in the week of ", #" h in the week of "#, " h la semaine du "),
        (" h in every week", #" h in every week"#, " h chaque semaine"),
        ("in each calendar week", #"in each calendar week"#, "par semaine civile"),
        ("in each calendar month", #"in each calendar month"#, "par mois civil"),
        ("in each calendar year", #"in each calendar year"#, "par année civile"),
        (" in any ", #" in any (\d+) days"#, " sur $1 jours glissants"),
        (" in any ", #" in any "#, " sur toute période de "),
        ("rests of at least ", #"^rests of at least "#, "repos d'au moins "),
        ("rest of ", #"^rest of (\S+) h in "#, "repos de $1 h en "),
        ("blocks of at most ", #"^blocks of at most "#, "blocs d'au plus "),
        ("block of ", #"^block of (\S+) h in "#, "bloc de $1 h en "),
        (" weeks from ", #"^(\d+) weeks from \#(date) to \#(date)$"#, "$1 semaines du $2 au $3"),
        (" weeks", #"(\d+) weeks"#, "$1 semaines"),
        (" h uncovered", #" h uncovered$"#, " h non couvertes"),
        ("open over all promised hours", #"^open over all promised hours$"#, "ouvert sur toutes les heures promises"),
        ("a mode other than none", #"^a mode other than none$"#, "un mode autre que none"),
        ("none", #"^none$"#, "aucun"),
        ("at least ", #"\bat least "#, "au moins "),
        ("at most ", #"\bat most "#, "au plus "),
        ("under ", #"\bunder (\d+)"#, "moins de $1"),
        (" and ", #"^(au moins \d+) and (moins de \d+)$"#, "$1 et $2"),
        (" h in ", #"^(\S+) h in "#, "$1 h sur "),
        (" days", #"(\d+) days\b"#, "$1 jours"),
    ]

    static let compiled: [(String, NSRegularExpression, String)] = phrases.map { anchor, pattern, template in
        (anchor, try! NSRegularExpression(pattern: pattern), template)
    }
}
