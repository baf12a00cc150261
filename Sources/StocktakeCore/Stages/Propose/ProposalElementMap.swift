import StocktakeModel

/// The documented mapping of proposal fields → CSV columns → EU Annex I elements → Europass ELM v3 paths.
///
/// Paths are under `credentialSubject` of an ELM credential, after the Commission's `Sample-MC-Annex1` example;
/// docs/methodology.md carries a copy of this table (a test keeps them identical), and a test checks that the
/// columns named here are exactly the columns of proposals.csv (`ReportColumns.proposals`).
public enum ProposalElementMap {
    /// One row of the mapping.
    public struct Row: Sendable, Hashable, Codable {
        /// `Proposal` property name.
        public var field: String
        /// The proposals.csv column(s) holding the field, comma-separated, in CSV order; empty when the field is
        /// only in the store and the Markdown (the sub-indices are in sectors.csv, the lead cell's shares in
        /// gaps.csv).
        public var csvColumn: String
        /// Council Recommendation 2022/C 243/02 Annex I element (or "BEM context"/"evidence").
        public var euElement: String
        /// ELM v3 path, empty when ELM has no place for it.
        public var elmPath: String
    }

    /// All rows, in CSV column order.
    public static let rows: [Row] = [
        Row(field: "id", csvColumn: "proposal_id", euElement: "—", elmPath: "hasClaim/specifiedBy/identifier"),
        Row(field: "country", csvColumn: "country", euElement: "—", elmPath: ""),
        Row(field: "rank", csvColumn: "rank", euElement: "—", elmPath: ""),
        Row(field: "priority", csvColumn: "priority", euElement: "—", elmPath: ""),
        Row(field: "sector", csvColumn: "sector_code, sector_label", euElement: "—", elmPath: ""),
        Row(field: "skillGroup", csvColumn: "skill_group", euElement: "—", elmPath: ""),
        Row(field: "skills", csvColumn: "skill_codes, skill_uris, skill_labels", euElement: "Mandatory 6: learning outcomes (ESCO skills)",
            elmPath: "hasClaim/specifiedBy/learningOutcome/relatedESCOSkill"),
        Row(field: "learnerIdentification", csvColumn: "learner_identification",
            euElement: "Mandatory 1: identification of the learner",
            elmPath: "fullName, givenName, familyName, nationalID/notation"),
        Row(field: "title", csvColumn: "title", euElement: "Mandatory 2: title of the micro-credential",
            elmPath: "hasClaim/title, hasClaim/specifiedBy/title"),
        Row(field: "issuerCountry", csvColumn: "issuer_country",
            euElement: "Mandatory 3: country(ies)/region(s) of the issuer",
            elmPath: "hasClaim/awardedBy/awardingBody/registration/spatial"),
        Row(field: "awardingBody", csvColumn: "awarding_body", euElement: "Mandatory 4: awarding body(ies)",
            elmPath: "hasClaim/awardedBy/awardingBody"),
        Row(field: "dateOfIssuing", csvColumn: "date_of_issuing", euElement: "Mandatory 5: date of issuing",
            elmPath: "validFrom, hasClaim/provenBy/dateIssued"),
        Row(field: "outcomesKnowledge", csvColumn: "learning_outcomes_knowledge",
            euElement: "Mandatory 6: learning outcomes (knowledge)",
            elmPath: "hasClaim/specifiedBy/learningOutcome/title"),
        Row(field: "outcomesSkills", csvColumn: "learning_outcomes_skills", euElement: "Mandatory 6: learning outcomes (skills)",
            elmPath: "hasClaim/specifiedBy/learningOutcome/title"),
        Row(field: "outcomesAutonomy", csvColumn: "learning_outcomes_autonomy",
            euElement: "Mandatory 6: learning outcomes (responsibility and autonomy)",
            elmPath: "hasClaim/specifiedBy/learningOutcome/title"),
        Row(field: "ectsCredits", csvColumn: "ects_credits", euElement: "Mandatory 7: notional workload (ECTS)",
            elmPath: "hasClaim/specifiedBy/creditPoint/point (framework ECTS)"),
        Row(field: "ecvetPoints", csvColumn: "ecvet_points", euElement: "Mandatory 7: notional workload (ECVET points)",
            elmPath: "hasClaim/specifiedBy/creditPoint/point (framework ECVET)"),
        Row(field: "hours", csvColumn: "hours", euElement: "Mandatory 7: notional workload (hours)", elmPath: ""),
        Row(field: "volumeOfLearning", csvColumn: "volume_of_learning",
            euElement: "Mandatory 7: notional workload (ISO 8601 duration)",
            elmPath: "hasClaim/specifiedBy/volumeOfLearning"),
        Row(field: "eqfLevel", csvColumn: "eqf_level", euElement: "Mandatory 8: level (EQF)",
            elmPath: "hasClaim/specifiedBy/eqfLevel"),
        Row(field: "assessmentType", csvColumn: "assessment_type", euElement: "Mandatory 9: type of assessment",
            elmPath: "hasClaim/provenBy/specifiedBy/dcType"),
        Row(field: "participationForm", csvColumn: "participation_form",
            euElement: "Mandatory 10: form of participation", elmPath: "hasClaim/specifiedBy/mode"),
        Row(field: "qualityAssurance", csvColumn: "quality_assurance",
            euElement: "Mandatory 11: type of quality assurance", elmPath: "hasClaim/awardedBy/awardingBody/accreditation"),
        Row(field: "prerequisites", csvColumn: "prerequisites", euElement: "Optional: prerequisites needed to enrol",
            elmPath: "hasClaim/specifiedBy/entryRequirement/noteLiteral"),
        Row(field: "supervisionAndIdentityVerification", csvColumn: "supervision_identity_verification",
            euElement: "Optional: supervision and identity verification during assessment",
            elmPath: "hasClaim/provenBy/idVerification"),
        Row(field: "grade", csvColumn: "grade", euElement: "Optional: grade achieved",
            elmPath: "hasClaim/provenBy/grade/noteLiteral"),
        Row(field: "stackability", csvColumn: "stackability", euElement: "Optional: integration/stackability options",
            elmPath: "hasClaim/specifiedBy/isPartialQualification"),
        Row(field: "furtherInformation", csvColumn: "further_information", euElement: "Optional: further information",
            elmPath: "hasClaim/specifiedBy/additionalNote"),
        Row(field: "iscedF", csvColumn: "isced_f", euElement: "BEM context: field of education (ISCED-F 2013)",
            elmPath: "hasClaim/specifiedBy/thematicArea"),
        Row(field: "targetGroups", csvColumn: "target_groups", euElement: "BEM context: target groups",
            elmPath: "hasClaim/specifiedBy/targetGroup"),
        Row(field: "uses", csvColumn: "uses", euElement: "BEM context: uses", elmPath: ""),
        Row(field: "learningSettings", csvColumn: "learning_settings", euElement: "BEM context: learning settings",
            elmPath: "hasClaim/specifiedBy/learningSetting"),
        Row(field: "n", csvColumn: "n", euElement: "evidence", elmPath: ""),
        Row(field: "mwds", csvColumn: "mwds", euElement: "evidence", elmPath: ""),
        Row(field: "gapScore", csvColumn: "gap_score", euElement: "evidence", elmPath: ""),
        Row(field: "gapScoreLow", csvColumn: "gap_score_low", euElement: "evidence", elmPath: ""),
        Row(field: "gapScoreHigh", csvColumn: "gap_score_high", euElement: "evidence", elmPath: ""),
        Row(field: "labourPressure", csvColumn: "labour_pressure", euElement: "evidence", elmPath: ""),
        Row(field: "labourCoverage", csvColumn: "labour_coverage", euElement: "evidence", elmPath: ""),
        Row(field: "labourSubIndices", csvColumn: "", euElement: "evidence", elmPath: ""),
        Row(field: "hardToFillShare", csvColumn: "", euElement: "evidence", elmPath: ""),
        Row(field: "demandChange", csvColumn: "", euElement: "evidence", elmPath: ""),
        Row(field: "priorityComponents", csvColumn: "", euElement: "—", elmPath: ""),
        Row(field: "flags", csvColumn: "flags", euElement: "evidence", elmPath: ""),
        Row(field: "provisionExists", csvColumn: "provision_exists", euElement: "evidence", elmPath: ""),
        Row(field: "commonWith", csvColumn: "common_with", euElement: "evidence", elmPath: ""),
        Row(field: "rationale", csvColumn: "rationale", euElement: "evidence", elmPath: ""),
    ]
}
