# A deterministic roster: a sequence of volunteer records, about 300 bytes each.
# usage: awk -v target=52428800 -f generate.awk > roster.yaml
BEGIN {
    split("nord sud est ouest centre", stations, " ")
    split("pompier infirmier chauffeur chef-agres secouriste", roles, " ")
    split("first-aid driving ladder rescue radio diving", skills, " ")
    seed = 42
    bytes = 0
    for (i = 1; bytes < target; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648
        r = seed
        line = sprintf("- id: %d\n  name: \"Volontaire %06d\"\n  role: %s\n  station: %s\n  available: %s\n  hours: %d.%d\n  skills: [%s, %s]\n  since: 20%02d-%02d-%02d\n  contact:\n    phone: \"+33 6 %02d %02d %02d %02d\"\n    email: v%d@example.org\n  notes: >\n    Disponible les week-ends; peut remplacer le chef d'agres si besoin.\n",
            i, i, roles[r % 5 + 1], stations[int(r / 5) % 5 + 1], (r % 3 ? "true" : "false"),
            r % 40, r % 10, skills[r % 6 + 1], skills[int(r / 7) % 6 + 1],
            10 + r % 15, 1 + r % 12, 1 + r % 28, r % 100, int(r / 100) % 100, int(r / 10000) % 100, i % 100, i)
        printf "%s", line
        bytes += length(line)
    }
}
