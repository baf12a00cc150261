import StocktakeModel

/// An invalid sample request.
public enum SampleError: Error, Equatable, CustomStringConvertible {
    case unknownCountry(String)
    case invalidRespondents(Int)
    case invalidTargetBytes(String)
    case noCountries

    public var description: String {
        switch self {
        case .unknownCountry(let code):
            return "unknown country '\(code)' (the sample knows \(SampleVocabulary.countryCodes.joined(separator: ",")))"
        case .invalidRespondents(let n): return "respondents must be positive, got \(n)"
        case .invalidTargetBytes(let text): return "invalid byte size '\(text)' (use e.g. 1G, 100M, 500K or a number of bytes)"
        case .noCountries: return "no countries selected"
        }
    }
}
