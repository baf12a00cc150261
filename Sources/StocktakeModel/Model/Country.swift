/// A country with the codes its data sources use.
public struct Country: Sendable, Hashable, Codable {
    /// ISO 3166-1 alpha-2, the pipeline's key (`DE`).
    public var code: String
    /// ISO 3166-1 alpha-3, used by ILOSTAT (`DEU`).
    public var iso3: String
    /// Eurostat's code where it differs from ISO (`EL` for Greece, `UK`); otherwise the ISO code.
    public var eurostat: String
    /// English short name, as ILOSTAT labels write it.
    public var name: String
    /// Other names seen in sources (official long forms, former names).
    public var otherNames: [String]

    public init(code: String, iso3: String, eurostat: String? = nil, name: String, otherNames: [String] = []) {
        self.code = code
        self.iso3 = iso3
        self.eurostat = eurostat ?? code
        self.name = name
        self.otherNames = otherNames
    }
}

/// The country table: every ISO 3166-1 entry (from Debian `iso-codes` 4.18, `iso_3166-1.json`) plus Kosovo
/// (`XK`/`XKX`, as Eurostat and ILOSTAT write it), with ILOSTAT label names, Eurostat label names and the
/// names BEM partners write in their own languages.
///
/// `resolve` accepts an ISO alpha-2 or alpha-3 code (any case), a Eurostat code (`EL`, `UK`), or a name. `NA`
/// is Namibia, never "not available": callers must not treat `NA` as a missing-value token in a country column.
public enum Countries {
    /// All known countries, sorted by ISO alpha-2 code.
    public static let all: [Country] = table

    /// The country with this ISO alpha-2 code.
    public static func country(iso2 code: String) -> Country? {
        index.byISO2[code.uppercased()]
    }

    /// Resolves a code or a name to the ISO 3166-1 alpha-2 code, or nil when the text names no known country.
    ///
    /// For example: `resolve("DEU") == "DE"`, `resolve("EL") == "GR"`, `resolve("North Macedonia") == "MK"`,
    /// `resolve("Україна") == "UA"`, `resolve("NA") == "NA"` (Namibia).
    public static func resolve(_ text: String) -> String? {
        var trimmed = Substring(text).drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
        while let last = trimmed.last, last == " " || last == "\t" || last == "*" || last == "\u{00A0}" {
            trimmed = trimmed.dropLast()
        }
        if trimmed.isEmpty { return nil }
        let isLetters = trimmed.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
        if isLetters, trimmed.utf8.count == 2 || trimmed.utf8.count == 3 {
            let upper = trimmed.uppercased()
            if let hit = index.byCode[upper] { return hit }
        }
        return index.byName[fold(trimmed)]
    }

    /// Folds a name for lookup: lower case, single spaces, apostrophe variants unified.
    static func fold(_ text: Substring) -> String {
        var out = ""
        var pendingSpace = false
        for ch in text.lowercased() {
            if ch == " " || ch == "\u{00A0}" || ch == "\t" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(ch == "\u{2019}" ? "'" : ch)
        }
        return out
    }

    private struct Index: Sendable {
        var byISO2: [String: Country] = [:]
        var byCode: [String: String] = [:]
        var byName: [String: String] = [:]
    }

    private static let index: Index = {
        var index = Index()
        for country in table {
            index.byISO2[country.code] = country
            index.byCode[country.code] = country.code
            index.byCode[country.iso3] = country.code
            index.byName[fold(Substring(country.name))] = country.code
            for name in country.otherNames { index.byName[fold(Substring(name))] = country.code }
        }
        // Eurostat's own codes (never ISO codes of another country: ISO has no EL, and UK is reserved).
        for country in table where country.eurostat != country.code { index.byCode[country.eurostat] = country.code }
        return index
    }()

    private static let table: [Country] = [
        Country(code: "AD", iso3: "AND", name: "Andorra", otherNames: ["Principality of Andorra"]),
        Country(code: "AE", iso3: "ARE", name: "United Arab Emirates"),
        Country(code: "AF", iso3: "AFG", name: "Afghanistan", otherNames: ["Islamic Republic of Afghanistan"]),
        Country(code: "AG", iso3: "ATG", name: "Antigua and Barbuda"),
        Country(code: "AI", iso3: "AIA", name: "Anguilla"),
        Country(code: "AL", iso3: "ALB", name: "Albania", otherNames: ["Republic of Albania"]),
        Country(code: "AM", iso3: "ARM", name: "Armenia", otherNames: ["Republic of Armenia", "Հայաստան", "Hayastan"]),
        Country(code: "AO", iso3: "AGO", name: "Angola", otherNames: ["Republic of Angola"]),
        Country(code: "AQ", iso3: "ATA", name: "Antarctica"),
        Country(code: "AR", iso3: "ARG", name: "Argentina", otherNames: ["Argentine Republic"]),
        Country(code: "AS", iso3: "ASM", name: "American Samoa"),
        Country(code: "AT", iso3: "AUT", name: "Austria", otherNames: ["Republic of Austria", "Österreich"]),
        Country(code: "AU", iso3: "AUS", name: "Australia"),
        Country(code: "AW", iso3: "ABW", name: "Aruba"),
        Country(code: "AX", iso3: "ALA", name: "Åland Islands"),
        Country(code: "AZ", iso3: "AZE", name: "Azerbaijan", otherNames: ["Republic of Azerbaijan"]),
        Country(code: "BA", iso3: "BIH", name: "Bosnia and Herzegovina", otherNames: ["Republic of Bosnia and Herzegovina", "Bosna i Hercegovina", "Босна и Херцеговина"]),
        Country(code: "BB", iso3: "BRB", name: "Barbados"),
        Country(code: "BD", iso3: "BGD", name: "Bangladesh", otherNames: ["People's Republic of Bangladesh"]),
        Country(code: "BE", iso3: "BEL", name: "Belgium", otherNames: ["Kingdom of Belgium"]),
        Country(code: "BF", iso3: "BFA", name: "Burkina Faso"),
        Country(code: "BG", iso3: "BGR", name: "Bulgaria", otherNames: ["Republic of Bulgaria"]),
        Country(code: "BH", iso3: "BHR", name: "Bahrain", otherNames: ["Kingdom of Bahrain"]),
        Country(code: "BI", iso3: "BDI", name: "Burundi", otherNames: ["Republic of Burundi"]),
        Country(code: "BJ", iso3: "BEN", name: "Benin", otherNames: ["Republic of Benin"]),
        Country(code: "BL", iso3: "BLM", name: "Saint Barthélemy"),
        Country(code: "BM", iso3: "BMU", name: "Bermuda"),
        Country(code: "BN", iso3: "BRN", name: "Brunei Darussalam"),
        Country(code: "BO", iso3: "BOL", name: "Bolivia", otherNames: ["Bolivia, Plurinational State of", "Plurinational State of Bolivia", "Bolivia (Plurinational State of)"]),
        Country(code: "BQ", iso3: "BES", name: "Bonaire, Sint Eustatius and Saba"),
        Country(code: "BR", iso3: "BRA", name: "Brazil", otherNames: ["Federative Republic of Brazil"]),
        Country(code: "BS", iso3: "BHS", name: "Bahamas", otherNames: ["Commonwealth of the Bahamas"]),
        Country(code: "BT", iso3: "BTN", name: "Bhutan", otherNames: ["Kingdom of Bhutan"]),
        Country(code: "BV", iso3: "BVT", name: "Bouvet Island"),
        Country(code: "BW", iso3: "BWA", name: "Botswana", otherNames: ["Republic of Botswana"]),
        Country(code: "BY", iso3: "BLR", name: "Belarus", otherNames: ["Republic of Belarus"]),
        Country(code: "BZ", iso3: "BLZ", name: "Belize"),
        Country(code: "CA", iso3: "CAN", name: "Canada"),
        Country(code: "CC", iso3: "CCK", name: "Cocos (Keeling) Islands"),
        Country(code: "CD", iso3: "COD", name: "Congo, The Democratic Republic of the", otherNames: ["Congo, Democratic Republic of the", "Democratic Republic of the Congo", "DR Congo"]),
        Country(code: "CF", iso3: "CAF", name: "Central African Republic"),
        Country(code: "CG", iso3: "COG", name: "Congo", otherNames: ["Republic of the Congo"]),
        Country(code: "CH", iso3: "CHE", name: "Switzerland", otherNames: ["Swiss Confederation", "Schweiz", "Suisse", "Svizzera"]),
        Country(code: "CI", iso3: "CIV", name: "Côte d'Ivoire", otherNames: ["Republic of Côte d'Ivoire", "Cote d'Ivoire"]),
        Country(code: "CK", iso3: "COK", name: "Cook Islands"),
        Country(code: "CL", iso3: "CHL", name: "Chile", otherNames: ["Republic of Chile"]),
        Country(code: "CM", iso3: "CMR", name: "Cameroon", otherNames: ["Republic of Cameroon"]),
        Country(code: "CN", iso3: "CHN", name: "China", otherNames: ["People's Republic of China"]),
        Country(code: "CO", iso3: "COL", name: "Colombia", otherNames: ["Republic of Colombia"]),
        Country(code: "CR", iso3: "CRI", name: "Costa Rica", otherNames: ["Republic of Costa Rica"]),
        Country(code: "CU", iso3: "CUB", name: "Cuba", otherNames: ["Republic of Cuba"]),
        Country(code: "CV", iso3: "CPV", name: "Cabo Verde", otherNames: ["Republic of Cabo Verde", "Cape Verde"]),
        Country(code: "CW", iso3: "CUW", name: "Curaçao"),
        Country(code: "CX", iso3: "CXR", name: "Christmas Island"),
        Country(code: "CY", iso3: "CYP", name: "Cyprus", otherNames: ["Republic of Cyprus"]),
        Country(code: "CZ", iso3: "CZE", name: "Czechia", otherNames: ["Czech Republic", "Česko"]),
        Country(code: "DE", iso3: "DEU", name: "Germany", otherNames: ["Federal Republic of Germany", "Germany (until 1990 former territory of the FRG)", "Deutschland", "Bundesrepublik Deutschland"]),
        Country(code: "DJ", iso3: "DJI", name: "Djibouti", otherNames: ["Republic of Djibouti"]),
        Country(code: "DK", iso3: "DNK", name: "Denmark", otherNames: ["Kingdom of Denmark"]),
        Country(code: "DM", iso3: "DMA", name: "Dominica", otherNames: ["Commonwealth of Dominica"]),
        Country(code: "DO", iso3: "DOM", name: "Dominican Republic"),
        Country(code: "DZ", iso3: "DZA", name: "Algeria", otherNames: ["People's Democratic Republic of Algeria"]),
        Country(code: "EC", iso3: "ECU", name: "Ecuador", otherNames: ["Republic of Ecuador"]),
        Country(code: "EE", iso3: "EST", name: "Estonia", otherNames: ["Republic of Estonia"]),
        Country(code: "EG", iso3: "EGY", name: "Egypt", otherNames: ["Arab Republic of Egypt"]),
        Country(code: "EH", iso3: "ESH", name: "Western Sahara"),
        Country(code: "ER", iso3: "ERI", name: "Eritrea", otherNames: ["the State of Eritrea"]),
        Country(code: "ES", iso3: "ESP", name: "Spain", otherNames: ["Kingdom of Spain"]),
        Country(code: "ET", iso3: "ETH", name: "Ethiopia", otherNames: ["Federal Democratic Republic of Ethiopia"]),
        Country(code: "FI", iso3: "FIN", name: "Finland", otherNames: ["Republic of Finland"]),
        Country(code: "FJ", iso3: "FJI", name: "Fiji", otherNames: ["Republic of Fiji"]),
        Country(code: "FK", iso3: "FLK", name: "Falkland Islands (Malvinas)"),
        Country(code: "FM", iso3: "FSM", name: "Micronesia, Federated States of", otherNames: ["Federated States of Micronesia", "Micronesia (Federated States of)", "Micronesia"]),
        Country(code: "FO", iso3: "FRO", name: "Faroe Islands"),
        Country(code: "FR", iso3: "FRA", name: "France", otherNames: ["French Republic"]),
        Country(code: "GA", iso3: "GAB", name: "Gabon", otherNames: ["Gabonese Republic"]),
        Country(code: "GB", iso3: "GBR", eurostat: "UK", name: "United Kingdom", otherNames: ["United Kingdom of Great Britain and Northern Ireland", "UK", "Great Britain"]),
        Country(code: "GD", iso3: "GRD", name: "Grenada"),
        Country(code: "GE", iso3: "GEO", name: "Georgia", otherNames: ["საქართველო", "Sakartvelo"]),
        Country(code: "GF", iso3: "GUF", name: "French Guiana"),
        Country(code: "GG", iso3: "GGY", name: "Guernsey"),
        Country(code: "GH", iso3: "GHA", name: "Ghana", otherNames: ["Republic of Ghana"]),
        Country(code: "GI", iso3: "GIB", name: "Gibraltar"),
        Country(code: "GL", iso3: "GRL", name: "Greenland"),
        Country(code: "GM", iso3: "GMB", name: "Gambia", otherNames: ["Republic of the Gambia"]),
        Country(code: "GN", iso3: "GIN", name: "Guinea", otherNames: ["Republic of Guinea"]),
        Country(code: "GP", iso3: "GLP", name: "Guadeloupe"),
        Country(code: "GQ", iso3: "GNQ", name: "Equatorial Guinea", otherNames: ["Republic of Equatorial Guinea"]),
        Country(code: "GR", iso3: "GRC", eurostat: "EL", name: "Greece", otherNames: ["Hellenic Republic"]),
        Country(code: "GS", iso3: "SGS", name: "South Georgia and the South Sandwich Islands"),
        Country(code: "GT", iso3: "GTM", name: "Guatemala", otherNames: ["Republic of Guatemala"]),
        Country(code: "GU", iso3: "GUM", name: "Guam"),
        Country(code: "GW", iso3: "GNB", name: "Guinea-Bissau", otherNames: ["Republic of Guinea-Bissau"]),
        Country(code: "GY", iso3: "GUY", name: "Guyana", otherNames: ["Republic of Guyana"]),
        Country(code: "HK", iso3: "HKG", name: "Hong Kong", otherNames: ["Hong Kong Special Administrative Region of China", "Hong Kong, China"]),
        Country(code: "HM", iso3: "HMD", name: "Heard Island and McDonald Islands"),
        Country(code: "HN", iso3: "HND", name: "Honduras", otherNames: ["Republic of Honduras"]),
        Country(code: "HR", iso3: "HRV", name: "Croatia", otherNames: ["Republic of Croatia"]),
        Country(code: "HT", iso3: "HTI", name: "Haiti", otherNames: ["Republic of Haiti"]),
        Country(code: "HU", iso3: "HUN", name: "Hungary"),
        Country(code: "ID", iso3: "IDN", name: "Indonesia", otherNames: ["Republic of Indonesia"]),
        Country(code: "IE", iso3: "IRL", name: "Ireland"),
        Country(code: "IL", iso3: "ISR", name: "Israel", otherNames: ["State of Israel"]),
        Country(code: "IM", iso3: "IMN", name: "Isle of Man"),
        Country(code: "IN", iso3: "IND", name: "India", otherNames: ["Republic of India"]),
        Country(code: "IO", iso3: "IOT", name: "British Indian Ocean Territory"),
        Country(code: "IQ", iso3: "IRQ", name: "Iraq", otherNames: ["Republic of Iraq"]),
        Country(code: "IR", iso3: "IRN", name: "Iran", otherNames: ["Iran, Islamic Republic of", "Islamic Republic of Iran", "Iran (Islamic Republic of)"]),
        Country(code: "IS", iso3: "ISL", name: "Iceland", otherNames: ["Republic of Iceland"]),
        Country(code: "IT", iso3: "ITA", name: "Italy", otherNames: ["Italian Republic"]),
        Country(code: "JE", iso3: "JEY", name: "Jersey"),
        Country(code: "JM", iso3: "JAM", name: "Jamaica"),
        Country(code: "JO", iso3: "JOR", name: "Jordan", otherNames: ["Hashemite Kingdom of Jordan"]),
        Country(code: "JP", iso3: "JPN", name: "Japan"),
        Country(code: "KE", iso3: "KEN", name: "Kenya", otherNames: ["Republic of Kenya"]),
        Country(code: "KG", iso3: "KGZ", name: "Kyrgyzstan", otherNames: ["Kyrgyz Republic"]),
        Country(code: "KH", iso3: "KHM", name: "Cambodia", otherNames: ["Kingdom of Cambodia"]),
        Country(code: "KI", iso3: "KIR", name: "Kiribati", otherNames: ["Republic of Kiribati"]),
        Country(code: "KM", iso3: "COM", name: "Comoros", otherNames: ["Union of the Comoros"]),
        Country(code: "KN", iso3: "KNA", name: "Saint Kitts and Nevis"),
        Country(code: "KP", iso3: "PRK", name: "North Korea", otherNames: ["Korea, Democratic People's Republic of", "Democratic People's Republic of Korea"]),
        Country(code: "KR", iso3: "KOR", name: "South Korea", otherNames: ["Korea, Republic of", "Republic of Korea"]),
        Country(code: "KW", iso3: "KWT", name: "Kuwait", otherNames: ["State of Kuwait"]),
        Country(code: "KY", iso3: "CYM", name: "Cayman Islands"),
        Country(code: "KZ", iso3: "KAZ", name: "Kazakhstan", otherNames: ["Republic of Kazakhstan"]),
        Country(code: "LA", iso3: "LAO", name: "Laos", otherNames: ["Lao People's Democratic Republic"]),
        Country(code: "LB", iso3: "LBN", name: "Lebanon", otherNames: ["Lebanese Republic"]),
        Country(code: "LC", iso3: "LCA", name: "Saint Lucia"),
        Country(code: "LI", iso3: "LIE", name: "Liechtenstein", otherNames: ["Principality of Liechtenstein"]),
        Country(code: "LK", iso3: "LKA", name: "Sri Lanka", otherNames: ["Democratic Socialist Republic of Sri Lanka"]),
        Country(code: "LR", iso3: "LBR", name: "Liberia", otherNames: ["Republic of Liberia"]),
        Country(code: "LS", iso3: "LSO", name: "Lesotho", otherNames: ["Kingdom of Lesotho"]),
        Country(code: "LT", iso3: "LTU", name: "Lithuania", otherNames: ["Republic of Lithuania"]),
        Country(code: "LU", iso3: "LUX", name: "Luxembourg", otherNames: ["Grand Duchy of Luxembourg"]),
        Country(code: "LV", iso3: "LVA", name: "Latvia", otherNames: ["Republic of Latvia"]),
        Country(code: "LY", iso3: "LBY", name: "Libya"),
        Country(code: "MA", iso3: "MAR", name: "Morocco", otherNames: ["Kingdom of Morocco"]),
        Country(code: "MC", iso3: "MCO", name: "Monaco", otherNames: ["Principality of Monaco"]),
        Country(code: "MD", iso3: "MDA", name: "Moldova", otherNames: ["Moldova, Republic of", "Republic of Moldova"]),
        Country(code: "ME", iso3: "MNE", name: "Montenegro", otherNames: ["Crna Gora", "Црна Гора"]),
        Country(code: "MF", iso3: "MAF", name: "Saint Martin (French part)"),
        Country(code: "MG", iso3: "MDG", name: "Madagascar", otherNames: ["Republic of Madagascar"]),
        Country(code: "MH", iso3: "MHL", name: "Marshall Islands", otherNames: ["Republic of the Marshall Islands"]),
        Country(code: "MK", iso3: "MKD", name: "North Macedonia", otherNames: ["Republic of North Macedonia", "Северна Македонија", "Severna Makedonija", "Macedonia", "The former Yugoslav Republic of Macedonia", "Former Yugoslav Republic of Macedonia, the", "Macedonia, the former Yugoslav Republic of"]),
        Country(code: "ML", iso3: "MLI", name: "Mali", otherNames: ["Republic of Mali"]),
        Country(code: "MM", iso3: "MMR", name: "Myanmar", otherNames: ["Republic of Myanmar"]),
        Country(code: "MN", iso3: "MNG", name: "Mongolia"),
        Country(code: "MO", iso3: "MAC", name: "Macao", otherNames: ["Macao Special Administrative Region of China", "Macao, China", "Macau"]),
        Country(code: "MP", iso3: "MNP", name: "Northern Mariana Islands", otherNames: ["Commonwealth of the Northern Mariana Islands"]),
        Country(code: "MQ", iso3: "MTQ", name: "Martinique"),
        Country(code: "MR", iso3: "MRT", name: "Mauritania", otherNames: ["Islamic Republic of Mauritania"]),
        Country(code: "MS", iso3: "MSR", name: "Montserrat"),
        Country(code: "MT", iso3: "MLT", name: "Malta", otherNames: ["Republic of Malta"]),
        Country(code: "MU", iso3: "MUS", name: "Mauritius", otherNames: ["Republic of Mauritius"]),
        Country(code: "MV", iso3: "MDV", name: "Maldives", otherNames: ["Republic of Maldives"]),
        Country(code: "MW", iso3: "MWI", name: "Malawi", otherNames: ["Republic of Malawi"]),
        Country(code: "MX", iso3: "MEX", name: "Mexico", otherNames: ["United Mexican States"]),
        Country(code: "MY", iso3: "MYS", name: "Malaysia"),
        Country(code: "MZ", iso3: "MOZ", name: "Mozambique", otherNames: ["Republic of Mozambique"]),
        Country(code: "NA", iso3: "NAM", name: "Namibia", otherNames: ["Republic of Namibia"]),
        Country(code: "NC", iso3: "NCL", name: "New Caledonia"),
        Country(code: "NE", iso3: "NER", name: "Niger", otherNames: ["Republic of the Niger"]),
        Country(code: "NF", iso3: "NFK", name: "Norfolk Island"),
        Country(code: "NG", iso3: "NGA", name: "Nigeria", otherNames: ["Federal Republic of Nigeria"]),
        Country(code: "NI", iso3: "NIC", name: "Nicaragua", otherNames: ["Republic of Nicaragua"]),
        Country(code: "NL", iso3: "NLD", name: "Netherlands", otherNames: ["Kingdom of the Netherlands", "Netherlands (Kingdom of the)", "Nederland"]),
        Country(code: "NO", iso3: "NOR", name: "Norway", otherNames: ["Kingdom of Norway", "Norge", "Noreg"]),
        Country(code: "NP", iso3: "NPL", name: "Nepal", otherNames: ["Federal Democratic Republic of Nepal"]),
        Country(code: "NR", iso3: "NRU", name: "Nauru", otherNames: ["Republic of Nauru"]),
        Country(code: "NU", iso3: "NIU", name: "Niue"),
        Country(code: "NZ", iso3: "NZL", name: "New Zealand"),
        Country(code: "OM", iso3: "OMN", name: "Oman", otherNames: ["Sultanate of Oman"]),
        Country(code: "PA", iso3: "PAN", name: "Panama", otherNames: ["Republic of Panama"]),
        Country(code: "PE", iso3: "PER", name: "Peru", otherNames: ["Republic of Peru"]),
        Country(code: "PF", iso3: "PYF", name: "French Polynesia"),
        Country(code: "PG", iso3: "PNG", name: "Papua New Guinea", otherNames: ["Independent State of Papua New Guinea"]),
        Country(code: "PH", iso3: "PHL", name: "Philippines", otherNames: ["Republic of the Philippines"]),
        Country(code: "PK", iso3: "PAK", name: "Pakistan", otherNames: ["Islamic Republic of Pakistan"]),
        Country(code: "PL", iso3: "POL", name: "Poland", otherNames: ["Republic of Poland"]),
        Country(code: "PM", iso3: "SPM", name: "Saint Pierre and Miquelon"),
        Country(code: "PN", iso3: "PCN", name: "Pitcairn"),
        Country(code: "PR", iso3: "PRI", name: "Puerto Rico"),
        Country(code: "PS", iso3: "PSE", name: "Palestine, State of", otherNames: ["the State of Palestine", "Occupied Palestinian Territory", "Palestine"]),
        Country(code: "PT", iso3: "PRT", name: "Portugal", otherNames: ["Portuguese Republic"]),
        Country(code: "PW", iso3: "PLW", name: "Palau", otherNames: ["Republic of Palau"]),
        Country(code: "PY", iso3: "PRY", name: "Paraguay", otherNames: ["Republic of Paraguay"]),
        Country(code: "QA", iso3: "QAT", name: "Qatar", otherNames: ["State of Qatar"]),
        Country(code: "RE", iso3: "REU", name: "Réunion"),
        Country(code: "RO", iso3: "ROU", name: "Romania"),
        Country(code: "RS", iso3: "SRB", name: "Serbia", otherNames: ["Republic of Serbia", "Србија", "Srbija", "Republika Srbija", "Република Србија"]),
        Country(code: "RU", iso3: "RUS", name: "Russian Federation", otherNames: ["Russia"]),
        Country(code: "RW", iso3: "RWA", name: "Rwanda", otherNames: ["Rwandese Republic"]),
        Country(code: "SA", iso3: "SAU", name: "Saudi Arabia", otherNames: ["Kingdom of Saudi Arabia"]),
        Country(code: "SB", iso3: "SLB", name: "Solomon Islands"),
        Country(code: "SC", iso3: "SYC", name: "Seychelles", otherNames: ["Republic of Seychelles"]),
        Country(code: "SD", iso3: "SDN", name: "Sudan", otherNames: ["Republic of the Sudan"]),
        Country(code: "SE", iso3: "SWE", name: "Sweden", otherNames: ["Kingdom of Sweden"]),
        Country(code: "SG", iso3: "SGP", name: "Singapore", otherNames: ["Republic of Singapore"]),
        Country(code: "SH", iso3: "SHN", name: "Saint Helena, Ascension and Tristan da Cunha"),
        Country(code: "SI", iso3: "SVN", name: "Slovenia", otherNames: ["Republic of Slovenia"]),
        Country(code: "SJ", iso3: "SJM", name: "Svalbard and Jan Mayen"),
        Country(code: "SK", iso3: "SVK", name: "Slovakia", otherNames: ["Slovak Republic"]),
        Country(code: "SL", iso3: "SLE", name: "Sierra Leone", otherNames: ["Republic of Sierra Leone"]),
        Country(code: "SM", iso3: "SMR", name: "San Marino", otherNames: ["Republic of San Marino"]),
        Country(code: "SN", iso3: "SEN", name: "Senegal", otherNames: ["Republic of Senegal"]),
        Country(code: "SO", iso3: "SOM", name: "Somalia", otherNames: ["Federal Republic of Somalia"]),
        Country(code: "SR", iso3: "SUR", name: "Suriname", otherNames: ["Republic of Suriname"]),
        Country(code: "SS", iso3: "SSD", name: "South Sudan", otherNames: ["Republic of South Sudan"]),
        Country(code: "ST", iso3: "STP", name: "Sao Tome and Principe", otherNames: ["Democratic Republic of Sao Tome and Principe"]),
        Country(code: "SV", iso3: "SLV", name: "El Salvador", otherNames: ["Republic of El Salvador"]),
        Country(code: "SX", iso3: "SXM", name: "Sint Maarten (Dutch part)"),
        Country(code: "SY", iso3: "SYR", name: "Syria", otherNames: ["Syrian Arab Republic"]),
        Country(code: "SZ", iso3: "SWZ", name: "Eswatini", otherNames: ["Kingdom of Eswatini", "Swaziland"]),
        Country(code: "TC", iso3: "TCA", name: "Turks and Caicos Islands"),
        Country(code: "TD", iso3: "TCD", name: "Chad", otherNames: ["Republic of Chad"]),
        Country(code: "TF", iso3: "ATF", name: "French Southern Territories"),
        Country(code: "TG", iso3: "TGO", name: "Togo", otherNames: ["Togolese Republic"]),
        Country(code: "TH", iso3: "THA", name: "Thailand", otherNames: ["Kingdom of Thailand"]),
        Country(code: "TJ", iso3: "TJK", name: "Tajikistan", otherNames: ["Republic of Tajikistan"]),
        Country(code: "TK", iso3: "TKL", name: "Tokelau"),
        Country(code: "TL", iso3: "TLS", name: "Timor-Leste", otherNames: ["Democratic Republic of Timor-Leste"]),
        Country(code: "TM", iso3: "TKM", name: "Turkmenistan"),
        Country(code: "TN", iso3: "TUN", name: "Tunisia", otherNames: ["Republic of Tunisia"]),
        Country(code: "TO", iso3: "TON", name: "Tonga", otherNames: ["Kingdom of Tonga"]),
        Country(code: "TR", iso3: "TUR", name: "Türkiye", otherNames: ["Republic of Türkiye", "Turkiye", "Turkey"]),
        Country(code: "TT", iso3: "TTO", name: "Trinidad and Tobago", otherNames: ["Republic of Trinidad and Tobago"]),
        Country(code: "TV", iso3: "TUV", name: "Tuvalu"),
        Country(code: "TW", iso3: "TWN", name: "Taiwan", otherNames: ["Taiwan, Province of China", "Taiwan, China"]),
        Country(code: "TZ", iso3: "TZA", name: "Tanzania", otherNames: ["Tanzania, United Republic of", "United Republic of Tanzania"]),
        Country(code: "UA", iso3: "UKR", name: "Ukraine", otherNames: ["Україна", "Ukraina", "Украина"]),
        Country(code: "UG", iso3: "UGA", name: "Uganda", otherNames: ["Republic of Uganda"]),
        Country(code: "UM", iso3: "UMI", name: "United States Minor Outlying Islands"),
        Country(code: "US", iso3: "USA", name: "United States", otherNames: ["United States of America", "USA"]),
        Country(code: "UY", iso3: "URY", name: "Uruguay", otherNames: ["Eastern Republic of Uruguay"]),
        Country(code: "UZ", iso3: "UZB", name: "Uzbekistan", otherNames: ["Republic of Uzbekistan"]),
        Country(code: "VA", iso3: "VAT", name: "Holy See (Vatican City State)"),
        Country(code: "VC", iso3: "VCT", name: "Saint Vincent and the Grenadines"),
        Country(code: "VE", iso3: "VEN", name: "Venezuela", otherNames: ["Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela", "Venezuela (Bolivarian Republic of)"]),
        Country(code: "VG", iso3: "VGB", name: "Virgin Islands, British", otherNames: ["British Virgin Islands"]),
        Country(code: "VI", iso3: "VIR", name: "Virgin Islands, U.S.", otherNames: ["Virgin Islands of the United States"]),
        Country(code: "VN", iso3: "VNM", name: "Vietnam", otherNames: ["Viet Nam", "Socialist Republic of Viet Nam"]),
        Country(code: "VU", iso3: "VUT", name: "Vanuatu", otherNames: ["Republic of Vanuatu"]),
        Country(code: "WF", iso3: "WLF", name: "Wallis and Futuna"),
        Country(code: "WS", iso3: "WSM", name: "Samoa", otherNames: ["Independent State of Samoa"]),
        Country(code: "XK", iso3: "XKX", name: "Kosovo", otherNames: ["Kosovo*", "Kosovo (under UNSCR 1244/99)", "Kosova", "Косово"]),
        Country(code: "YE", iso3: "YEM", name: "Yemen", otherNames: ["Republic of Yemen"]),
        Country(code: "YT", iso3: "MYT", name: "Mayotte"),
        Country(code: "ZA", iso3: "ZAF", name: "South Africa", otherNames: ["Republic of South Africa"]),
        Country(code: "ZM", iso3: "ZMB", name: "Zambia", otherNames: ["Republic of Zambia"]),
        Country(code: "ZW", iso3: "ZWE", name: "Zimbabwe", otherNames: ["Republic of Zimbabwe"]),
    ]
}
