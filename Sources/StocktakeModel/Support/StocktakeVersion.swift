/// The tool's version, recorded in every run.
public enum StocktakeVersion {
    public static let current = "0.1.0"
}
