import StocktakeModel

/// The documented mapping of proposal fields → CSV columns → EU Annex I elements → Europass ELM v3 paths.
///
/// Paths are relative to the proposal's LOQ `Qualification` (or `LearningAchievementSpecification`) node in
/// proposals.jsonld (`ProposalELMExport`); docs/methodology.md carries a copy of this table (a test keeps them
/// identical), and a test checks that the columns named here are exactly the columns of proposals.csv
/// (`ReportColumns.proposals`).
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
        Row(field: "id", csvColumn: "proposal_id", euElement: "—", elmPath: "@id (urn:bem:proposal:<id>), identifier"),
        Row(field: "country", csvColumn: "country", euElement: "—", elmPath: ""),
        Row(field: "rank", csvColumn: "rank", euElement: "—", elmPath: ""),
        Row(field: "priority", csvColumn: "priority", euElement: "—", elmPath: ""),
        Row(field: "sector", csvColumn: "sector_code, sector_label", euElement: "—", elmPath: ""),
        Row(field: "skillGroup", csvColumn: "skill_group", euElement: "—", elmPath: ""),
        Row(field: "skills", csvColumn: "skill_codes, skill_uris, skill_labels", euElement: "Mandatory 6: learning outcomes (ESCO skills)", elmPath: "learningOutcome/relatedSkill"),
        Row(field: "learnerIdentification", csvColumn: "learner_identification", euElement: "Mandatory 1: identification of the learner", elmPath: ""),
        Row(field: "title", csvColumn: "title", euElement: "Mandatory 2: title of the micro-credential", elmPath: "title"),
        Row(field: "issuerCountry", csvColumn: "issuer_country", euElement: "Mandatory 3: country(ies)/region(s) of the issuer", elmPath: "awardingOpportunity/awardingBody/location/address/countryCode"),
        Row(field: "awardingBody", csvColumn: "awarding_body", euElement: "Mandatory 4: awarding body(ies)", elmPath: "awardingOpportunity/awardingBody/legalName"),
        Row(field: "dateOfIssuing", csvColumn: "date_of_issuing", euElement: "Mandatory 5: date of issuing", elmPath: ""),
        Row(field: "outcomes", csvColumn: "learning_outcomes_knowledge, learning_outcomes_knowledge_uris, learning_outcomes_skills, learning_outcomes_skills_uris, learning_outcomes_autonomy", euElement: "Mandatory 6: learning outcomes (knowledge, skills, responsibility and autonomy)", elmPath: "learningOutcome/title, learningOutcome/dcType, learningOutcome/reusabilityLevel, learningOutcome/relatedSkill"),
        Row(field: "ectsCredits", csvColumn: "ects_credits", euElement: "Mandatory 7: notional workload (ECTS)", elmPath: "creditPoint/point (framework ECTS)"),
        Row(field: "ecvetPoints", csvColumn: "ecvet_points", euElement: "Mandatory 7: notional workload (ECVET points)", elmPath: "additionalNote"),
        Row(field: "hours", csvColumn: "hours", euElement: "Mandatory 7: notional workload (hours)", elmPath: ""),
        Row(field: "volumeOfLearning", csvColumn: "volume_of_learning", euElement: "Mandatory 7: notional workload (ISO 8601 duration)", elmPath: "volumeOfLearning"),
        Row(field: "eqfLevel", csvColumn: "eqf_level, nqf_level", euElement: "Mandatory 8: level (EQF, NQF)", elmPath: "eqfLevel, nqfLevel"),
        Row(field: "assessmentType", csvColumn: "assessment_type", euElement: "Mandatory 9: type of assessment", elmPath: "provenBy/title, provenBy/dcType, provenBy/mode"),
        Row(field: "participationForm", csvColumn: "participation_form", euElement: "Mandatory 10: form of participation", elmPath: "mode"),
        Row(field: "qualityAssurance", csvColumn: "quality_assurance", euElement: "Mandatory 11: type of quality assurance", elmPath: "additionalNote"),
        Row(field: "prerequisites", csvColumn: "prerequisites", euElement: "Optional: prerequisites needed to enrol", elmPath: "entryRequirement/noteLiteral"),
        Row(field: "supervisionAndIdentityVerification", csvColumn: "supervision_identity_verification", euElement: "Optional: supervision and identity verification during assessment", elmPath: "provenBy/description"),
        Row(field: "grade", csvColumn: "grade", euElement: "Optional: grade achieved", elmPath: "provenBy/gradingScheme/title"),
        Row(field: "stackability", csvColumn: "stackability", euElement: "Optional: integration/stackability options", elmPath: "isPartialQualification, additionalNote"),
        Row(field: "furtherInformation", csvColumn: "further_information", euElement: "Optional: further information", elmPath: "additionalNote"),
        Row(field: "iscedF", csvColumn: "isced_f", euElement: "BEM context: field of education (ISCED-F 2013)", elmPath: "thematicArea"),
        Row(field: "targetGroups", csvColumn: "target_groups", euElement: "BEM context: target groups", elmPath: ""),
        Row(field: "uses", csvColumn: "uses", euElement: "BEM context: uses", elmPath: ""),
        Row(field: "learningSettings", csvColumn: "learning_settings", euElement: "BEM context: learning settings", elmPath: "learningSetting"),
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
        Row(field: "prioritySector", csvColumn: "priority_sector", euElement: "evidence", elmPath: ""),
        Row(field: "participationBasis", csvColumn: "participation_basis", euElement: "reason: form of participation", elmPath: ""),
        Row(field: "surveyMode", csvColumn: "survey_mode", euElement: "reason: form of participation", elmPath: ""),
        Row(field: "eqfBasis", csvColumn: "eqf_basis", euElement: "reason: EQF level", elmPath: ""),
        Row(field: "targetGroupsBasis", csvColumn: "target_groups_basis", euElement: "reason: target groups and uses", elmPath: ""),
    ]
}
