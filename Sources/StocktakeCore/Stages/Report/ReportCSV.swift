import StocktakeModel

/// The run's CSV tables: one set per run, all countries, with a `country` column (docs/report-columns.md).
///
/// Values of suppressed cells (`C`) are never written: their value columns are empty, as is `n`.
struct ReportCSV {
    let model: ReportModel

    private func label(_ key: SectorKey) -> String { model.sectorLabel(key, language: "en") }
    private func number(_ value: Double?, _ decimals: Int) -> CSVTable.Cell {
        guard let value, value.isFinite else { return .empty }
        return .number(value, decimals: decimals)
    }

    /// Every table of `ReportColumns.tables` with its rows; headers and column order come from `ReportColumns`.
    func tables() -> [(ReportColumns.Table, CSVTable)] {
        [(ReportColumns.gaps, gaps()), (ReportColumns.proposals, proposals()), (ReportColumns.units, units()),
         (ReportColumns.sectors, sectors()), (ReportColumns.labourChecks, labourChecks()), (ReportColumns.rejects, rejects()),
         (ReportColumns.unmapped, unmapped())]
    }


    func gaps() -> CSVTable {
        var table = CSVTable(header: ReportColumns.gaps.header)
        for country in model.countries {
            let sorted = country.gaps.sorted {
                ($0.rank ?? Int.max, $0.sector, $0.skill) < ($1.rank ?? Int.max, $1.sector, $1.skill)
            }
            for gap in sorted {
                let hidden = gap.flags.contains(.suppressed)
                func value(_ v: Double?, _ d: Int) -> CSVTable.Cell { hidden ? .empty : number(v, d) }
                table.rows.append([
                    .text(country.code), .text(gap.sector.description), .text(label(gap.sector)),
                    .text(gap.skill.code ?? ""), .text(gap.skill.uri ?? ""), .text(gap.skill.label),
                    .text(gap.skill.group ?? ""), hidden ? .empty : .integer(gap.n), value(gap.mwds, 4),
                    value(gap.mwdsLow, 4), value(gap.mwdsHigh, 4), value(gap.hardToFillShare, 4),
                    value(gap.demandChange, 4), number(gap.labourPressure, 4), .integer(gap.labourCoverage),
                    value(gap.score, 2), value(gap.scoreLow, 2), value(gap.scoreHigh, 2),
                    hidden ? .empty : gap.rank.map { .integer($0) } ?? .empty, .text(gap.flags.reportText),
                    .text(hidden ? "" : gap.rolledUpDivisions.map(\.description).joined(separator: "|")),
                    .text(hidden ? "" : model.run.perturbed ? "yes" : "no"),
                ])
            }
        }
        return table
    }


    func proposals() -> CSVTable {
        var table = CSVTable(header: ReportColumns.proposals.header)
        for country in model.countries {
            for p in country.proposals.sorted(by: { ($0.rank, $0.id) < ($1.rank, $1.id) }) {
                let provision: String
                switch p.provisionExists {
                case .some(true): provision = "yes"
                case .some(false): provision = "no"
                case .none: provision = ""
                }
                table.rows.append([
                    .text(country.code), .integer(p.rank), .text(p.id), .number(p.priority, decimals: 2),
                    .text(p.sector.description), .text(label(p.sector)), .text(p.skillGroup ?? ""),
                    .text(p.skills.map { $0.code ?? "" }.joined(separator: "|")),
                    .text(p.skills.map { $0.uri ?? "" }.joined(separator: "|")),
                    .text(p.skills.map(\.label).joined(separator: "\n")),
                    .text(p.learnerIdentification), .text(p.title), .text(p.issuerCountry), .text(p.awardingBody),
                    .text(p.dateOfIssuing),
                    .text(p.knowledgeOutcomes.map(\.label).joined(separator: "\n")),
                    .text(p.knowledgeOutcomes.map(\.uri).joined(separator: "|")),
                    .text(p.skillOutcomes.map(\.label).joined(separator: "\n")),
                    .text(p.skillOutcomes.map(\.uri).joined(separator: "|")),
                    .text(EQFDescriptors.autonomy(p.eqfLevel)),
                    .number(p.ectsCredits, decimals: 1), .number(p.ecvetPoints, decimals: 1), .integer(p.hours),
                    .text(p.volumeOfLearning), .integer(p.eqfLevel),
                    .text(NQFLevels.level(country: p.country, eqf: p.eqfLevel)?.label ?? ""), .text(p.assessmentType),
                    .text(p.participationForm.rawValue), .text(p.qualityAssurance),
                    .text(p.prerequisites), .text(p.supervisionAndIdentityVerification), .text(p.grade),
                    .text(p.stackability), .text(p.furtherInformation),
                    .text(p.iscedF), .text(p.targetGroups.sorted().map(\.rawValue).joined(separator: "|")),
                    .text(p.uses.joined(separator: "|")), .text(p.learningSettings.joined(separator: "|")),
                    .integer(p.n), .number(p.mwds, decimals: 4), .number(p.gapScore, decimals: 2),
                    .number(p.gapScoreLow, decimals: 2), .number(p.gapScoreHigh, decimals: 2),
                    number(p.labourPressure, 4), .integer(p.labourCoverage), .text(p.flags.reportText),
                    .text(provision), .text(p.commonWith.sorted().joined(separator: "|")),
                    .text(p.prioritySector ? "yes" : "no"), .text(p.participationBasis.rawValue),
                    .text(p.surveyMode?.rawValue ?? ""), .text(p.eqfBasis), .text(p.targetGroupsBasis),
                ])
            }
        }
        return table
    }

    /// units.csv: one ECVET unit of learning outcomes per proposal, one row per statement, in the layout of the
    /// ECVET unit template (docs/report-columns.md). Statements are English (ESCO labels, the EQF descriptor).
    func units() -> CSVTable {
        var table = CSVTable(header: ReportColumns.units.header)
        for country in model.countries {
            for p in country.proposals.sorted(by: { ($0.rank, $0.id) < ($1.rank, $1.id) }) {
                let statements = UnitStatement.of(p)
                for s in statements {
                    table.rows.append([
                        .text(p.id), .text(p.title), .text(country.code), .text(p.sector.description),
                        .text(label(p.sector)), .integer(p.eqfLevel),
                        .text(NQFLevels.level(country: p.country, eqf: p.eqfLevel)?.label ?? ""),
                        .number(p.ecvetPoints, decimals: 1), .number(p.ectsCredits, decimals: 1), .text(s.id),
                        .text(s.type), .text(s.text), .text(s.uri ?? ""), .text(p.assessmentType), .text("en"),
                    ])
                }
            }
        }
        return table
    }


    func sectors() -> CSVTable {
        var table = CSVTable(header: ReportColumns.sectors.header)
        for country in model.countries {
            for s in country.sectorPressures.sorted(by: { $0.sector < $1.sector }) {
                table.rows.append(
                    [.text(country.code), .text(s.sector.description), .text(label(s.sector)), number(s.pressure, 4),
                     .integer(s.coverage), number(s.employmentShare, 4)]
                        + LabourIndicator.allCases.map { number(s.subIndices[$0], 4) }
                        + LabourIndicator.allCases.map { number(s.rawSubIndices[$0], 4) }
                        + [.text(s.sourceFlags.sorted().joined(separator: " "))]
                        + LabourIndicator.allCases.map { .text(s.periods[$0] ?? "") })
            }
        }
        return table
    }

    func labourChecks() -> CSVTable {
        var table = CSVTable(header: ReportColumns.labourChecks.header)
        for country in model.countries {
            for c in country.labourChecks {
                table.rows.append([
                    .text(country.code), .text(c.indicator.rawValue), .text(c.kind.rawValue),
                    .text(c.scopes.joined(separator: " ")), .text(c.periods.joined(separator: " ")),
                    number(c.observed, 4), number(c.expected, 4), .text(c.action.rawValue),
                    .text(c.sources.joined(separator: "; ")),
                ])
            }
        }
        return table
    }


    func rejects() -> CSVTable {
        var table = CSVTable(header: ReportColumns.rejects.header)
        for country in model.countries {
            for r in country.rejects.sorted() {
                table.rows.append([.text(country.code), .text(r.file), .integer(r.line), .integer(r.column),
                                   .text(r.code.rawValue), .text(r.message)])
            }
        }
        return table
    }


    func unmapped() -> CSVTable {
        var table = CSVTable(header: ReportColumns.unmapped.header)
        for country in model.countries {
            for u in country.unmapped.sorted(by: { ($1.count, $0.text) < ($0.count, $1.text) }) {
                table.rows.append([.text(country.code), .text(u.text), .integer(u.count),
                                   .text(u.bestCandidate?.description ?? ""), number(u.confidence, 4)])
            }
        }
        return table
    }
}
