import StocktakeModel

/// The words the sample generator writes: sector names as respondents in each BEM country write them (with the
/// NACE Rev. 2 code each is meant to map to), ESCO-style skill labels, and the skills each sector rates.
///
/// The taxonomy can be checked against this list: every name with a `nace` code should map to that code (or,
/// for a division code, at least to its section); names with `nace == nil` are nonsense or ambiguous on purpose
/// and should land in the unmapped review queue.
///
/// ## Topics
/// - ``countryCodes``
/// - ``sectors(for:)``
/// - ``allSectorNames``
/// - ``skills``
/// - ``skillLabel(_:country:)``
/// - ``skillPool(for:)``
public enum SampleVocabulary {
    /// A sector name as written, with the NACE code it is meant to map to (nil: should not map).
    public struct SectorName: Sendable, Hashable {
        /// The text as a respondent writes it.
        public var text: String
        /// Intended NACE Rev. 2 key (`F`, `C10`); nil for names that must go to the unmapped queue.
        public var nace: String?
        /// Relative frequency among the names of its sector.
        public var weight: Double
    }

    /// A sector of a country's sample: its true NACE key, its share of respondents, and how people write it.
    public struct Sector: Sendable, Hashable {
        /// The respondent's actual sector (`F`, `C28`); drives which skills are rated.
        public var key: String
        /// Share of the country's respondents (relative weight).
        public var share: Double
        /// Ways of writing it, weighted.
        public var names: [SectorName]
    }

    /// An ESCO-style skill label with the ESCO skills-pillar group it is meant to map to.
    public struct Skill: Sendable, Hashable {
        /// English label as written in the questionnaire.
        public var label: String
        /// Intended ESCO group (`S5.6`); the top level (`S5`) is what proposals group by.
        public var escoGroup: String
        /// Whether it is a digital skill (larger gaps in the synthetic model).
        public var isDigital: Bool
    }

    /// One row of the bundled `provision.csv`: an existing programme.
    public struct Programme: Sendable, Hashable {
        public var country: String
        /// NACE key (`F`, `C13`).
        public var sector: String
        /// Top-level ESCO group (`S7`).
        public var skillGroup: String
        public var programme: String
        public var provider: String
    }

    /// One flattened vocabulary entry, for checking the taxonomy against it.
    public struct Entry: Sendable, Hashable {
        public var country: String
        public var text: String
        public var nace: String?
    }

    /// The eight BEM countries, in the order the generator writes them.
    public static let countryCodes = ["DE", "NO", "MK", "RS", "ME", "AM", "GE", "UA"]

    /// The sectors of `country` (empty for an unknown code).
    public static func sectors(for country: String) -> [Sector] {
        sectorTable[country] ?? []
    }

    /// Names of `country` that must not map (nonsense, ambiguous), written by about 1 % of respondents.
    public static func unmappedNames(for country: String) -> [String] {
        unmappedTable[country] ?? []
    }

    /// Every sector name of every country with its intended code, unmapped names included (nace nil).
    public static var allSectorNames: [Entry] {
        var entries: [Entry] = []
        for country in countryCodes {
            var seen = Set<String>()
            for sector in sectors(for: country) {
                for name in sector.names where seen.insert(name.text).inserted {
                    entries.append(Entry(country: country, text: name.text, nace: name.nace))
                }
            }
            for text in unmappedNames(for: country) where seen.insert(text).inserted {
                entries.append(Entry(country: country, text: text, nace: nil))
            }
        }
        return entries
    }

    /// The skill labels a respondent of sector `key` rates: the division's pool, else the section's.
    public static func skillPool(for key: String) -> [String] {
        if let pool = poolTable[key] { return pool }
        if let first = key.first, let pool = poolTable[String(first)] { return pool }
        return generalSkills
    }

    /// The label `country`'s survey writes for the catalogue skill `label`: the country's language (German,
    /// Norwegian, Macedonian, Serbian, Montenegrin, Armenian, Georgian, Ukrainian), else the English label.
    public static func skillLabel(_ label: String, country: String) -> String {
        guard let position = countryCodes.firstIndex(of: country), let local = localSkillLabels[label] else { return label }
        return local[position]
    }

    /// Skills every respondent may rate besides the sector's own.
    public static let generalSkills = ["use digital tools for collaboration", "communicate in foreign languages"]

    /// The skill catalogue (label → intended ESCO group).
    public static let skills: [Skill] = [
        Skill(label: "use digital tools for collaboration", escoGroup: "S5.6", isDigital: true),
        Skill(label: "use spreadsheets software", escoGroup: "S5.6", isDigital: true),
        Skill(label: "computer programming", escoGroup: "S5.1", isDigital: true),
        Skill(label: "implement ICT safety policies", escoGroup: "S5.2", isDigital: true),
        Skill(label: "analyse big data", escoGroup: "S5.5", isDigital: true),
        Skill(label: "execute software tests", escoGroup: "S5.1", isDigital: true),
        Skill(label: "use cloud technologies", escoGroup: "S5.2", isDigital: true),
        Skill(label: "use CAD software", escoGroup: "S5.6", isDigital: true),
        Skill(label: "program CNC machines", escoGroup: "S5.7", isDigital: true),
        Skill(label: "use digital tools to control machinery", escoGroup: "S5.7", isDigital: true),
        Skill(label: "use precision farming technologies", escoGroup: "S5.7", isDigital: true),
        Skill(label: "digital marketing", escoGroup: "S1.6", isDigital: true),
        Skill(label: "protect personal data and privacy", escoGroup: "S3.3", isDigital: true),
        Skill(label: "customer service", escoGroup: "S3.4", isDigital: false),
        Skill(label: "communicate in foreign languages", escoGroup: "S1.15", isDigital: false),
        Skill(label: "manage budgets", escoGroup: "S4.3", isDigital: false),
        Skill(label: "manage projects", escoGroup: "S4.2", isDigital: false),
        Skill(label: "supervise staff", escoGroup: "S4.8", isDigital: false),
        Skill(label: "work in teams", escoGroup: "S1.8", isDigital: false),
        Skill(label: "apply health and safety standards", escoGroup: "S3.3", isDigital: false),
        Skill(label: "operate machinery", escoGroup: "S8.5", isDigital: false),
        Skill(label: "maintain mechanical equipment", escoGroup: "S8.7", isDigital: false),
        Skill(label: "perform quality control", escoGroup: "S2.8", isDigital: false),
        Skill(label: "read technical drawings", escoGroup: "S2.1", isDigital: false),
        Skill(label: "welding", escoGroup: "S7.1", isDigital: false),
        Skill(label: "install electrical wiring", escoGroup: "S8.8", isDigital: false),
        Skill(label: "install heating, ventilation and air conditioning", escoGroup: "S7.2", isDigital: false),
        Skill(label: "install insulation materials", escoGroup: "S7.2", isDigital: false),
        Skill(label: "lay bricks", escoGroup: "S7.1", isDigital: false),
        Skill(label: "renovate buildings for energy efficiency", escoGroup: "S7.1", isDigital: false),
        Skill(label: "solar panel installation", escoGroup: "S8.8", isDigital: false),
        Skill(label: "operate earthmoving equipment", escoGroup: "S8.1", isDigital: false),
        Skill(label: "apply HACCP", escoGroup: "S3.3", isDigital: false),
        Skill(label: "operate food processing machinery", escoGroup: "S8.5", isDigital: false),
        Skill(label: "operate textile machinery", escoGroup: "S8.5", isDigital: false),
        Skill(label: "sew garments", escoGroup: "S6.5", isDigital: false),
        Skill(label: "cultivate crops", escoGroup: "S6.4", isDigital: false),
        Skill(label: "operate agricultural machinery", escoGroup: "S8.1", isDigital: false),
        Skill(label: "tend animals", escoGroup: "S6.9", isDigital: false),
        Skill(label: "tend aquatic animals", escoGroup: "S6.9", isDigital: false),
        Skill(label: "operate watercraft", escoGroup: "S8.3", isDigital: false),
        Skill(label: "operate mining machinery", escoGroup: "S8.4", isDigital: false),
        Skill(label: "operate energy distribution equipment", escoGroup: "S8.4", isDigital: false),
        Skill(label: "maintain electrical equipment", escoGroup: "S8.8", isDigital: false),
        Skill(label: "maintain wind turbines", escoGroup: "S8.8", isDigital: false),
        Skill(label: "provide nursing care", escoGroup: "S3.2", isDigital: false),
        Skill(label: "operate medical equipment", escoGroup: "S8.6", isDigital: false),
        Skill(label: "care for elderly people", escoGroup: "S3.6", isDigital: false),
        Skill(label: "prepare dishes", escoGroup: "S3.5", isDigital: false),
        Skill(label: "serve food and drinks", escoGroup: "S3.5", isDigital: false),
        Skill(label: "handle reservations", escoGroup: "S3.4", isDigital: false),
        Skill(label: "provide tourist information", escoGroup: "S3.4", isDigital: false),
        Skill(label: "sell products", escoGroup: "S1.6", isDigital: false),
        Skill(label: "manage logistics", escoGroup: "S4.2", isDigital: false),
        Skill(label: "drive heavy vehicles", escoGroup: "S8.2", isDigital: false),
    ]

    /// Existing programmes written to `provision.csv` (a handful per country; synthetic).
    public static let provision: [Programme] = [
        Programme(country: "DE", sector: "F", skillGroup: "S7", programme: "Gebäudeenergieberater (HWK)", provider: "Handwerkskammer (synthetic)"),
        Programme(country: "DE", sector: "J62", skillGroup: "S5", programme: "Fachinformatiker Anwendungsentwicklung", provider: "IHK (synthetic)"),
        Programme(country: "NO", sector: "Q", skillGroup: "S3", programme: "Helsefagarbeider", provider: "Fylkeskommune (synthetic)"),
        Programme(country: "NO", sector: "A03", skillGroup: "S6", programme: "Akvakulturfaget", provider: "Vg2 Akvakultur (synthetic)"),
        Programme(country: "MK", sector: "C14", skillGroup: "S8", programme: "Оператор на шиечки машини", provider: "Центар за стручно образование (synthetic)"),
        Programme(country: "RS", sector: "J", skillGroup: "S5", programme: "IT prekvalifikacija", provider: "Kancelarija za IT (synthetic)"),
        Programme(country: "RS", sector: "C25", skillGroup: "S7", programme: "Zavarivač", provider: "Tehnička škola (synthetic)"),
        Programme(country: "ME", sector: "I", skillGroup: "S3", programme: "Konobar", provider: "Centar za stručno obrazovanje (synthetic)"),
        Programme(country: "AM", sector: "J", skillGroup: "S5", programme: "Ծրագրավորման հիմունքներ", provider: "TUMO (synthetic)"),
        Programme(country: "GE", sector: "I", skillGroup: "S1", programme: "ტურიზმის მენეჯმენტი", provider: "VET College (synthetic)"),
        Programme(country: "UA", sector: "F", skillGroup: "S7", programme: "Муляр-штукатур", provider: "Dniprorudne Professional Lyceum (synthetic)"),
        Programme(country: "UA", sector: "D", skillGroup: "S8", programme: "Монтажник сонячних панелей", provider: "Професійний ліцей (synthetic)"),
    ]

    // MARK: - Private

    private static func n(_ text: String, _ nace: String?, _ weight: Double = 1) -> SectorName {
        SectorName(text: text, nace: nace, weight: weight)
    }

    private static func s(_ key: String, _ share: Double, _ names: [SectorName]) -> Sector {
        Sector(key: key, share: share, names: names)
    }

    private static let poolTable: [String: [String]] = [
        "F": ["apply health and safety standards", "read technical drawings", "lay bricks", "install insulation materials",
              "renovate buildings for energy efficiency", "supervise staff"],
        "F42": ["operate earthmoving equipment", "apply health and safety standards", "read technical drawings", "welding",
                "supervise staff"],
        "F43": ["install electrical wiring", "install heating, ventilation and air conditioning", "solar panel installation",
                "install insulation materials", "apply health and safety standards"],
        "C": ["operate machinery", "maintain mechanical equipment", "perform quality control",
              "apply health and safety standards", "read technical drawings"],
        "C10": ["apply HACCP", "operate food processing machinery", "perform quality control",
                "apply health and safety standards", "digital marketing"],
        "C11": ["apply HACCP", "operate food processing machinery", "perform quality control", "digital marketing"],
        "C13": ["operate textile machinery", "perform quality control", "apply health and safety standards",
                "maintain mechanical equipment"],
        "C14": ["operate textile machinery", "sew garments", "perform quality control", "use CAD software"],
        "C24": ["operate machinery", "maintain mechanical equipment", "apply health and safety standards",
                "use digital tools to control machinery"],
        "C25": ["welding", "program CNC machines", "operate machinery", "read technical drawings",
                "perform quality control"],
        "C28": ["program CNC machines", "use CAD software", "read technical drawings", "maintain mechanical equipment",
                "perform quality control"],
        "C29": ["program CNC machines", "operate machinery", "perform quality control",
                "use digital tools to control machinery"],
        "C30": ["welding", "read technical drawings", "apply health and safety standards"],
        "J": ["computer programming", "implement ICT safety policies", "analyse big data", "use cloud technologies",
              "digital marketing"],
        "J62": ["computer programming", "execute software tests", "use cloud technologies",
                "implement ICT safety policies", "manage projects"],
        "D": ["operate energy distribution equipment", "maintain electrical equipment", "solar panel installation",
              "maintain wind turbines", "apply health and safety standards"],
        "A": ["cultivate crops", "operate agricultural machinery", "use precision farming technologies", "tend animals",
              "manage budgets"],
        "A01": ["cultivate crops", "operate agricultural machinery", "use precision farming technologies",
                "manage budgets"],
        "A03": ["tend aquatic animals", "operate watercraft", "apply health and safety standards",
                "use digital tools to control machinery", "apply HACCP"],
        "B": ["operate mining machinery", "apply health and safety standards", "maintain mechanical equipment",
              "operate earthmoving equipment", "use digital tools to control machinery"],
        "I": ["customer service", "prepare dishes", "serve food and drinks", "handle reservations",
              "digital marketing", "apply HACCP"],
        "I55": ["customer service", "handle reservations", "digital marketing", "provide tourist information",
                "manage budgets"],
        "N": ["provide tourist information", "digital marketing", "customer service", "handle reservations"],
        "Q": ["provide nursing care", "operate medical equipment", "care for elderly people",
              "apply health and safety standards", "protect personal data and privacy"],
        "Q87": ["care for elderly people", "provide nursing care", "apply health and safety standards",
                "protect personal data and privacy"],
        "G": ["customer service", "sell products", "digital marketing", "use spreadsheets software"],
        "H": ["drive heavy vehicles", "manage logistics", "apply health and safety standards", "use spreadsheets software"],
        "H50": ["operate watercraft", "apply health and safety standards", "manage logistics"],
        "O": ["protect personal data and privacy", "manage projects", "analyse big data", "manage budgets"],
    ]

    private static let unmappedTable: [String: [String]] = [
        "DE": ["Sonstiges", "k.A.", "Dienstleistungen", "Mittelstand"],
        "NO": ["Annet", "Diverse", "Offshore"],
        "MK": ["Друго", "Услуги", "/"],
        "RS": ["Ostalo", "Razno", "Usluge", "Privatni sektor"],
        "ME": ["Ostalo", "Sezonski rad", "?", "Privatni biznis"],
        "AM": ["Այլ", "Ծառայություններ", "Անհատ ձեռներեց"],
        "GE": ["სხვა", "მომსახურება", "ბიზნესი"],
        "UA": ["Інше", "Розмінування", "Волонтерство", "АПК"],
    ]

    private static let sectorTable: [String: [Sector]] = [
        "DE": [
            s("C28", 0.16, [n("Maschinenbau", "C28", 5), n("Maschinen- und Anlagenbau", "C28", 3), n("C28", "C28", 0.5)]),
            s("C29", 0.09, [n("Automobilindustrie", "C29", 4), n("Automobilzulieferer", "C29", 2), n("Kfz-Zulieferer", "C29", 2),
                            n("Herstellung von Kraftwagen und Kraftwagenteilen", "C29", 1)]),
            s("C10", 0.06, [n("Lebensmittelindustrie", "C10", 3), n("Nahrungsmittelindustrie", "C10", 2), n("Ernährungsindustrie", "C10", 2),
                            n("Ernaehrungsindustrie", "C10", 0.5), n("Herstellung von Nahrungs- und Futtermitteln", "C10", 1), n("C10", "C10", 0.5)]),
            s("J62", 0.16, [n("IT-Dienstleistungen", "J62", 5), n("Softwareentwicklung", "J62", 3), n("IT-Beratung", "J62", 1),
                            n("Erbringung von Dienstleistungen der Informationstechnologie", "J62", 1), n("62", "J62", 0.5)]),
            s("J", 0.02, [n("IT", "J", 3), n("Information und Kommunikation", "J", 2), n("IKT", "J", 1)]),
            s("F", 0.16, [n("Baugewerbe", "F", 5), n("Bau", "F", 3), n("Bauwirtschaft", "F", 2), n("Bauhauptgewerbe", "F", 1),
                          n("Construction", "F", 0.5), n("F", "F", 0.5)]),
            s("F43", 0.03, [n("Ausbaugewerbe", "F43", 2), n("Elektroinstallation", "F43", 2), n("SHK-Handwerk", "F43", 2),
                            n("Sanitär, Heizung, Klima", "F43", 1)]),
            s("I", 0.11, [n("Gastgewerbe", "I", 5), n("Hotel- und Gaststättengewerbe", "I", 2), n("Gastronomie", "I56", 0.3),
                          n("Hotellerie", "I55", 0.3)]),
            s("Q86", 0.08, [n("Gesundheitswesen", "Q86", 4), n("Krankenhaus", "Q86", 1), n("Gesundheits- und Sozialwesen", "Q", 0.3)]),
            s("Q87", 0.08, [n("Pflege", "Q87", 4), n("Altenpflege", "Q87", 3), n("Pflegeheim", "Q87", 1)]),
            s("G", 0.05, [n("Handel", "G", 3), n("Groß- und Einzelhandel", "G", 1), n("Einzelhandel", "G47", 0.3)]),
        ],
        "NO": [
            s("D", 0.12, [n("Energi", "D", 3), n("Kraftforsyning", "D", 2), n("Elektrisitets-, gass-, damp- og varmtvannsforsyning", "D", 1),
                          n("Energy", "D", 0.5), n("Fornybar energi", "D35", 0.3)]),
            s("B06", 0.10, [n("Olje og gass", "B06", 4), n("Petroleumsvirksomhet", "B06", 2), n("Utvinning av råolje og naturgass", "B06", 1),
                            n("Utvinning av raolje og naturgass", "B06", 0.3)]),
            s("A03", 0.14, [n("Havbruk", "A03", 3), n("Fiskeoppdrett", "A03", 3), n("Fiske og fangst", "A03", 2), n("Akvakultur", "A03", 2),
                            n("Fiske, fangst og akvakultur", "A03", 1)]),
            s("C10", 0.07, [n("Fiskeforedling", "C10", 3), n("Næringsmiddelindustri", "C10", 3), n("Naeringsmiddelindustri", "C10", 1)]),
            s("C30", 0.03, [n("Verftsindustri", "C30", 2), n("Skipsbygging", "C30", 1)]),
            s("Q", 0.20, [n("Helse- og omsorgstjenester", "Q", 4), n("Helse og omsorg", "Q", 3), n("Helse- og sosialtjenester", "Q", 2),
                          n("Sykehus", "Q86", 0.3), n("Sykehjem", "Q87", 0.3)]),
            s("F", 0.14, [n("Bygg og anlegg", "F", 5), n("Bygg- og anleggsvirksomhet", "F", 2), n("Bygg", "F", 2), n("Byggebransjen", "F", 1),
                          n("Anleggsvirksomhet", "F42", 0.3)]),
            s("J", 0.10, [n("IKT", "J", 4), n("IT", "J", 3), n("Informasjon og kommunikasjon", "J", 2),
                          n("Tjenester tilknyttet informasjonsteknologi", "J62", 0.3)]),
            s("I", 0.08, [n("Hotell og restaurant", "I", 3), n("Overnattings- og serveringsvirksomhet", "I", 2), n("Reiseliv", "I", 2),
                          n("Serveringsvirksomhet", "I56", 0.3)]),
            s("H50", 0.02, [n("Sjøfart", "H50", 2), n("Sjofart", "H50", 0.5)]),
        ],
        "MK": [
            s("C14", 0.14, [n("Конфекција", "C14", 3), n("Производство на облека", "C14", 2), n("Konfekcija", "C14", 1)]),
            s("C13", 0.06, [n("Текстилна индустрија", "C13", 4), n("Текстил", "C13", 1), n("Tekstilna industrija", "C13", 1)]),
            s("J", 0.14, [n("ИКТ", "J", 3), n("ИТ", "J", 3), n("IT", "J", 3), n("Информатичка технологија", "J", 2),
                          n("Информации и комуникации", "J", 1), n("Компјутерско програмирање", "J62", 0.3), n("62", "J62", 0.2)]),
            s("C10", 0.14, [n("Прехранбена индустрија", "C10", 4), n("Производство на прехранбени производи", "C10", 2),
                            n("Prehranbena industrija", "C10", 1), n("C10", "C10", 0.5)]),
            s("F", 0.14, [n("Градежништво", "F", 5), n("Градежна индустрија", "F", 1), n("Gradežništvo", "F", 1), n("Gradeznistvo", "F", 1)]),
            s("I", 0.12, [n("Угостителство", "I", 5), n("Туризам и угостителство", "I", 1), n("Ugostitelstvo", "I", 1),
                          n("Хотелиерство", "I55", 0.3)]),
            s("A", 0.14, [n("Земјоделство", "A", 5), n("Земјоделство, шумарство и рибарство", "A", 1), n("Zemjodelstvo", "A", 1),
                          n("Лозарство", "A01", 0.3)]),
            s("G", 0.08, [n("Трговија", "G", 4), n("Trgovija", "G", 1), n("Трговија на мало", "G47", 0.3)]),
            s("C24", 0.04, [n("Металургија", "C24", 3), n("Производство на основни метали", "C24", 1)]),
        ],
        "RS": [
            s("J", 0.12, [n("IT", "J", 4), n("ИТ", "J", 1), n("Informacione tehnologije", "J", 2), n("Информационе технологије", "J", 1),
                          n("Informisanje i komunikacije", "J", 1), n("Информисање и комуникације", "J", 1)]),
            s("J62", 0.08, [n("Razvoj softvera", "J62", 3), n("Računarsko programiranje", "J62", 2), n("Racunarsko programiranje", "J62", 1),
                            n("Рачунарско програмирање", "J62", 1), n("62", "J62", 1)]),
            s("C25", 0.12, [n("Metaloprerađivačka industrija", "C25", 3), n("Metalopreradjivacka industrija", "C25", 1),
                            n("Proizvodnja metalnih proizvoda", "C25", 2), n("Proizvodnja metalnih proizvoda, osim mašina", "C25", 1),
                            n("Металопрерађивачка индустрија", "C25", 1)]),
            s("C24", 0.03, [n("Metalurgija", "C24", 2), n("Proizvodnja osnovnih metala", "C24", 2), n("Металургија", "C24", 1)]),
            s("C29", 0.06, [n("Automobilska industrija", "C29", 3), n("Proizvodnja motornih vozila", "C29", 1), n("C29", "C29", 0.5)]),
            s("A", 0.16, [n("Poljoprivreda", "A", 5), n("Пољопривреда", "A", 2), n("Poljoprivreda, šumarstvo i ribarstvo", "A", 1),
                          n("Poljoprivreda, sumarstvo i ribarstvo", "A", 1)]),
            s("C10", 0.10, [n("Prehrambena industrija", "C10", 4), n("Прехрамбена индустрија", "C10", 2),
                            n("Proizvodnja prehrambenih proizvoda", "C10", 1)]),
            s("F", 0.14, [n("Građevinarstvo", "F", 4), n("Gradjevinarstvo", "F", 2), n("Gradevinarstvo", "F", 1), n("Грађевинарство", "F", 2),
                          n("Građevina", "F", 1)]),
            s("G", 0.08, [n("Trgovina", "G", 3), n("Трговина", "G", 1), n("Trgovina na malo", "G47", 0.3)]),
            s("H", 0.08, [n("Transport", "H", 2), n("Saobraćaj i skladištenje", "H", 1), n("Saobracaj", "H", 1), n("Логистика", "H", 1)]),
            s("Q86", 0.03, [n("Zdravstvo", "Q86", 3), n("Здравство", "Q86", 1)]),
        ],
        "ME": [
            s("I", 0.34, [n("Turizam", "I", 4), n("Ugostiteljstvo", "I", 4), n("Turizam i ugostiteljstvo", "I", 2), n("Угоститељство", "I", 1),
                          n("Tourism", "I", 1), n("Hospitality", "I", 1), n("Usluge pružanja smještaja i ishrane", "I", 1),
                          n("Usluge pruzanja smjestaja i ishrane", "I", 0.5)]),
            s("I55", 0.08, [n("Hotelijerstvo", "I55", 3), n("Hoteli", "I55", 1), n("Usluge smještaja", "I55", 1), n("Usluge smjestaja", "I55", 1)]),
            s("N79", 0.03, [n("Turističke agencije", "N79", 2), n("Turisticke agencije", "N79", 1), n("Putničke agencije", "N79", 1)]),
            s("F", 0.18, [n("Građevinarstvo", "F", 4), n("Gradjevinarstvo", "F", 2), n("Građevina", "F", 2), n("Грађевинарство", "F", 1),
                          n("Izgradnja zgrada", "F41", 0.3)]),
            s("G", 0.12, [n("Trgovina", "G", 4), n("Trgovina na malo", "G47", 0.3)]),
            s("H", 0.08, [n("Saobraćaj", "H", 2), n("Saobraćaj i skladištenje", "H", 1), n("Transport", "H", 1), n("Pomorski saobraćaj", "H50", 0.3)]),
            s("A", 0.08, [n("Poljoprivreda", "A", 4), n("Poljoprivreda i ribarstvo", "A", 1)]),
            s("D", 0.06, [n("Energetika", "D", 3), n("Snabdijevanje električnom energijom", "D", 1)]),
            s("Q86", 0.03, [n("Zdravstvo", "Q86", 3), n("Zdravstvena zaštita", "Q86", 1)]),
        ],
        "AM": [
            s("J", 0.16, [n("Տեղեկատվական տեխնոլոգիաներ", "J", 4), n("ՏՏ", "J", 2), n("IT", "J", 3), n("Տեղեկատվություն և կապ", "J", 1)]),
            s("J62", 0.10, [n("Ծրագրավորում", "J62", 3), n("Ծրագրային ապահովման մշակում", "J62", 2), n("62", "J62", 0.5)]),
            s("B", 0.14, [n("Հանքարդյունաբերություն", "B", 4), n("Լեռնահանքային արդյունաբերություն", "B", 2), n("Mining", "B", 0.5),
                          n("Մետաղական հանքաքարի արդյունահանում", "B07", 0.3)]),
            s("A", 0.18, [n("Գյուղատնտեսություն", "A", 5), n("Գյուղատնտեսություն, անտառային տնտեսություն և ձկնորսություն", "A", 1),
                          n("Agriculture", "A", 0.5), n("Այգեգործություն", "A01", 0.3)]),
            s("C10", 0.07, [n("Սննդի արդյունաբերություն", "C10", 3), n("Սննդամթերքի արտադրություն", "C10", 1)]),
            s("C11", 0.05, [n("Գինեգործություն", "C11", 2), n("Կոնյակի արտադրություն", "C11", 1)]),
            s("F", 0.08, [n("Շինարարություն", "F", 5)]),
            s("I", 0.10, [n("Զբոսաշրջություն", "I", 3), n("Հյուրընկալություն", "I", 1), n("Հյուրանոցային ծառայություններ", "I55", 0.3)]),
            s("Q86", 0.06, [n("Առողջապահություն", "Q86", 3)]),
            s("G", 0.03, [n("Առևտուր", "G", 3), n("Մանրածախ առևտուր", "G47", 0.3)]),
        ],
        "GE": [
            s("I", 0.22, [n("ტურიზმი", "I", 4), n("სტუმარმასპინძლობა", "I", 2), n("განთავსება და კვება", "I", 1), n("Tourism", "I", 1)]),
            s("I55", 0.07, [n("სასტუმრო ბიზნესი", "I55", 2), n("სასტუმროები", "I55", 1)]),
            s("A", 0.20, [n("სოფლის მეურნეობა", "A", 5), n("სოფლის მეურნეობა, სატყეო მეურნეობა და თევზჭერა", "A", 1),
                          n("Agriculture", "A", 0.5), n("მევენახეობა", "A01", 0.3)]),
            s("C11", 0.06, [n("მეღვინეობა", "C11", 3), n("ღვინის წარმოება", "C11", 1)]),
            s("H", 0.13, [n("ტრანსპორტი", "H", 3), n("ლოჯისტიკა", "H", 2), n("ტრანსპორტი და დასაწყობება", "H", 1)]),
            s("H49", 0.02, [n("სახმელეთო ტრანსპორტი", "H49", 1), n("სატვირთო გადაზიდვები", "H49", 1)]),
            s("F", 0.12, [n("მშენებლობა", "F", 5), n("Construction", "F", 0.5)]),
            s("J", 0.08, [n("IT", "J", 3), n("ინფორმაციული ტექნოლოგიები", "J", 2), n("ინფორმაცია და კომუნიკაცია", "J", 1)]),
            s("D", 0.06, [n("ენერგეტიკა", "D", 3), n("ჰიდროენერგეტიკა", "D35", 0.3)]),
            s("G", 0.04, [n("ვაჭრობა", "G", 3)]),
        ],
        "UA": [
            s("F", 0.22, [n("Будівництво", "F", 5), n("Будівельна галузь", "F", 3), n("Відбудова", "F", 2), n("Construction", "F", 0.5),
                          n("Будівництво будівель", "F41", 0.3)]),
            s("F42", 0.06, [n("Дорожнє будівництво", "F42", 2), n("Будівництво споруд", "F42", 1)]),
            s("F43", 0.06, [n("Електромонтажні роботи", "F43", 2), n("Спеціалізовані будівельні роботи", "F43", 1)]),
            s("A", 0.16, [n("Сільське господарство", "A", 5), n("Агросектор", "A", 2),
                          n("Сільське господарство, лісове господарство та рибне господарство", "A", 1), n("Рослинництво", "A01", 0.3)]),
            s("D", 0.14, [n("Енергетика", "D", 5), n("Постачання електроенергії, газу, пари та кондиційованого повітря", "D", 1),
                          n("Електроенергетика", "D35", 0.3), n("Відновлювана енергетика", "D35", 0.3)]),
            s("C28", 0.05, [n("Машинобудування", "C28", 3), n("Виробництво машин і устаткування", "C28", 1)]),
            s("C24", 0.04, [n("Металургія", "C24", 3)]),
            s("C10", 0.05, [n("Харчова промисловість", "C10", 3), n("Виробництво харчових продуктів", "C10", 1)]),
            s("J", 0.08, [n("IT", "J", 3), n("ІТ", "J", 2), n("Інформація та телекомунікації", "J", 1), n("Комп'ютерне програмування", "J62", 0.3)]),
            s("H", 0.08, [n("Транспорт", "H", 3), n("Логістика", "H", 2),
                          n("Транспорт, складське господарство, поштова та кур'єрська діяльність", "H", 1)]),
            s("Q86", 0.04, [n("Охорона здоров'я", "Q86", 3), n("Охорона здоров'я та надання соціальної допомоги", "Q", 0.3)]),
            s("O", 0.02, [n("Державне управління", "O", 2)]),
        ],
    ]
}
