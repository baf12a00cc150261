import Foundation
import StocktakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a rendered report set to disk so readers never see a half-written run.
///
/// Sequence: every file goes into `<root>/.<runID>.partial/` and is fsynced; the directory is renamed to
/// `<root>/<runID>/`; `<root>/latest` is switched by creating a temporary symlink and renaming it over the old one;
/// `<root>/index.md` is rewritten through a temporary file and a rename. A crash at any point leaves `latest` on
/// the previous complete run (at worst a stale `.partial` directory, removed by the next run: `RunFolder`).
public enum ReportPublisher {
    /// Renders `model` and publishes it as run `runID` under `root`.
    ///
    /// - Parameters:
    ///   - catalog: string tables; nil loads the tables bundled with StocktakeCore.
    /// - Returns: the run directory `<root>/<runID>`.
    /// - Throws: `StocktakeError` with status `.cantCreate` (exit 73) when anything cannot be written, or when
    ///   `<root>/<runID>` already exists; `latest` then still points to the previous run.
    @discardableResult
    public static func publish(
        model: ReportModel, root: URL, runID: String, options: ReportOptions = ReportOptions(),
        catalog: ReportStringCatalog? = nil
    ) throws -> URL {
        try validateRunID(runID)
        let strings = try catalog ?? ReportStringCatalog.bundled()
        let files = try ReportRenderer(catalog: strings, options: options).renderRun(model)
        return try publish(files: files, model: model, root: root, runID: runID, options: options, catalog: strings)
    }

    /// Publishes already rendered files as run `runID` under `root`, reserving `<root>/.<runID>.partial` first.
    /// - Throws: `StocktakeError.cantCreate` when `<root>/<runID>` or its `.partial` folder already exists.
    @discardableResult
    public static func publish(
        files: [ReportFile], model: ReportModel, root: URL, runID: String, options: ReportOptions,
        catalog: ReportStringCatalog
    ) throws -> URL {
        try validateRunID(runID)
        let folder = try RunFolder.reserve(root: root, base: runID)
        guard folder.runID == runID else {
            folder.discard()
            throw StocktakeError.cantCreate(root.appendingPathComponent(runID).path, "a run directory with this id already exists")
        }
        do {
            defer { folder.release() }
            return try publish(files: files, model: model, folder: folder, options: options, catalog: catalog)
        } catch {
            folder.discard()
            throw error
        }
    }

    /// Writes `files` into the reserved `folder`'s `.partial` directory, fsyncs them, renames the directory to the
    /// run's folder, switches `latest` and rewrites `index.md`. A signal between two files stops the publication
    /// (`Cancellation`); the caller then discards the folder.
    @discardableResult
    public static func publish(
        files: [ReportFile], model: ReportModel, folder: RunFolder, options: ReportOptions,
        catalog: ReportStringCatalog
    ) throws -> URL {
        let writer = try FileWriter(folder: folder)
        for file in files { try writer.write(file) }
        return try writer.publish(model: model, options: options, catalog: catalog)
    }

    /// Writes the files of a run one at a time into its reserved folder's `.partial` directory, each fsynced, then
    /// publishes them (`publish`): a run can write each file as it is rendered instead of holding them all.
    /// `latest` is checked when the writer is made, before any file is written. A signal between two files stops
    /// the publication (`Cancellation`); the caller then discards the folder.
    public final class FileWriter {
        let folder: RunFolder
        private var directories: Set<String>
        private var written = 0

        /// - Throws: `StocktakeError.cantCreate` when `<root>/latest` is not ours to replace (`checkLatest`).
        public init(folder: RunFolder) throws {
            // `latest` must be ours to replace: a symlink (or nothing). Checked before any file is written.
            try checkLatest(root: folder.root)
            self.folder = folder
            directories = [folder.partial.path]
        }

        /// Writes `file` under the `.partial` directory and fsyncs it.
        /// - Throws: `StocktakeError.cantCreate` when its path leaves the run directory or it cannot be written;
        ///   `Cancellation` after a signal.
        public func write(_ file: ReportFile) throws {
            guard !file.path.hasPrefix("/"), !file.path.split(separator: "/").contains("..") else {
                throw StocktakeError.cantCreate(file.path, "report file path escapes the run directory")
            }
            if written == 1 { Cancellation.pauseForTests(before: "report-files") }
            try Cancellation.check("report")
            let url = folder.partial.appendingPathComponent(file.path)
            let directory = url.deletingLastPathComponent().path
            if !directories.contains(directory) {
                try makeDirectory(directory)
                directories.insert(directory)
            }
            try writeDurably(file.contents, to: url.path)
            written += 1
        }

        /// Fsyncs the directories written to, renames the `.partial` directory to the run's folder, switches
        /// `latest` and rewrites `index.md`.
        /// - Returns: the run directory `<root>/<runID>`.
        @discardableResult
        public func publish(model: ReportModel, options: ReportOptions, catalog: ReportStringCatalog) throws -> URL {
            let root = folder.root
            let rootPath = root.path
            let partial = folder.partial
            let final = folder.final
            for directory in directories.sorted(by: >) { try syncDirectory(directory) }
            try Cancellation.check("report")
            guard rename(partial.path, final.path) == 0 else {
                throw StocktakeError.cantCreate(final.path, "rename from \(partial.lastPathComponent) failed: \(errnoText())")
            }
            try syncDirectory(rootPath)
            try switchLatest(root: root, runID: folder.runID)
            let index = indexMarkdown(model: model, root: root, runID: folder.runID, options: options, catalog: catalog)
            try replaceAtomically(Data(index.utf8), at: root.appendingPathComponent("index.md").path, directory: rootPath)
            return final
        }
    }

    /// `<root>/latest` is a symlink this tool made, or absent; a regular file or a directory there is someone
    /// else's and is never replaced.
    static func checkLatest(root: URL) throws {
        let latest = root.appendingPathComponent("latest").path
        var info = stat()
        guard lstat(latest, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFLNK else {
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "a regular file"
            throw StocktakeError.cantCreate(latest, "is \(what), not the symlink stocktake keeps to the newest run; move or remove it (e.g. `mv \(latest) \(latest).old`) and run again")
        }
    }

    /// The text of `index.md`: runs newest first, from `model.previousRuns` (when given) or from the run
    /// directories present under `root` (sorted by id, descending).
    static func indexMarkdown(
        model: ReportModel, root: URL, runID: String, options: ReportOptions, catalog: ReportStringCatalog
    ) -> String {
        let strings = catalog.strings(options.summaryLanguage)
        let format = ReportNumberFormat.forLanguage(options.summaryLanguage)
        var runs = [RunListing(runID: runID, startTime: model.run.startTime, status: model.run.status)]
        if model.previousRuns.isEmpty {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            for name in names.sorted(by: >) where !name.hasPrefix(".") && name != "latest" && name != runID {
                let summary = root.appendingPathComponent(name).appendingPathComponent("summary.md").path
                if FileManager.default.fileExists(atPath: summary) {
                    runs.append(RunListing(runID: name, startTime: "", status: .success))
                }
            }
        } else {
            runs += model.previousRuns.filter { $0.runID != runID }
        }
        var out = "# " + ReportEscaping.markdownFixed(strings["index.title"]) + "\n\n"
        out += ReportEscaping.markdownFixed(strings["index.latest"]) + ": [latest/summary.md](latest/summary.md)\n\n"
        var table = MarkdownTable(header: [
            ReportEscaping.markdownFixed(strings["column.run"]), ReportEscaping.markdownFixed(strings["column.started"]),
            ReportEscaping.markdownFixed(strings["column.status"]),
        ])
        for run in runs {
            let link = run.published
                ? "[\(ReportEscaping.markdown(run.runID))](\(percentEncodePath(run.runID))/summary.md)"
                : "`\(run.runID)`"
            table.rows.append([link, run.startTime.isEmpty ? "–" : ReportEscaping.markdown(format.date(run.startTime)),
                               ReportEscaping.markdown(run.status.rawValue)])
        }
        return out + table.render()
    }

    // MARK: - Private

    static func validateRunID(_ runID: String) throws {
        let allowed = runID.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.:+".unicodeScalars.contains($0)
        }
        guard !runID.isEmpty, allowed, !runID.hasPrefix("."), runID != "latest" else {
            throw StocktakeError.cantCreate(runID, "run id must be letters, digits and - _ . : + only")
        }
    }

    static func percentEncodePath(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? text
    }

    static func switchLatest(root: URL, runID: String) throws {
        let latest = root.appendingPathComponent("latest").path
        let temporary = root.appendingPathComponent(".latest.\(runID).tmp").path
        unlink(temporary)
        guard symlink(runID, temporary) == 0 else {
            throw StocktakeError.cantCreate(temporary, "symlink failed: \(errnoText())")
        }
        guard rename(temporary, latest) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw StocktakeError.cantCreate(latest, "cannot switch latest: \(reason)")
        }
        try syncDirectory(root.path)
    }

    /// Writes `data` to a temporary file of this process (`.<name>.<pid>.tmp` beside `path`: two runs publishing to
    /// one folder never share it) and renames it over `path`; the last writer wins.
    static func replaceAtomically(_ data: Data, at path: String, directory: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        unlink(temporary)
        try writeDurably(data, to: temporary)
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw StocktakeError.cantCreate(path, "rename failed: \(reason)")
        }
        try syncDirectory(directory)
    }

    static func makeDirectory(_ path: String) throws { try Directories.ensure(path) }

    static func writeDurably(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StocktakeError.cantCreate(path, "open failed: \(errnoText())") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StocktakeError.cantCreate(path, "write failed: \(errnoText())")
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw StocktakeError.cantCreate(path, "fsync failed: \(errnoText())") }
    }

    static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StocktakeError.cantCreate(path, "open directory failed: \(errnoText())") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            throw StocktakeError.cantCreate(path, "fsync directory failed: \(errnoText())")
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
