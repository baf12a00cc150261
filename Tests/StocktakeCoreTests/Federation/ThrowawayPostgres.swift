import Foundation

/// A PostgreSQL server for one test: initdb in a temporary folder, started on loopback at a free port with its
/// socket in the same folder, stopped and removed by `stop()` (and `deinit`). As root, the server runs as the
/// unprivileged `postgres` user (initdb refuses root).
final class ThrowawayPostgres {
    /// The folder of initdb and pg_ctl: `STOCKTAKE_TEST_PG_BIN` when set (a server installed elsewhere), else the
    /// newest /usr/lib/postgresql/*/bin (Debian's layout).
    static let binaries: URL? = {
        let fm = FileManager.default
        if let folder = ProcessInfo.processInfo.environment["STOCKTAKE_TEST_PG_BIN"], !folder.isEmpty {
            let bin = URL(fileURLWithPath: folder)
            return fm.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) ? bin : nil
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        for version in versions {
            let bin = URL(fileURLWithPath: "\(root)/\(version)/bin")
            if fm.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path),
               fm.isExecutableFile(atPath: bin.appendingPathComponent("pg_ctl").path) { return bin }
        }
        return nil
    }()

    /// Why the federation tests against a real server cannot run here, or nil when they can.
    static let unavailableReason: String? = {
        guard binaries != nil else {
            return "PostgreSQL server is not installed (no initdb in /usr/lib/postgresql/*/bin or STOCKTAKE_TEST_PG_BIN): federation tests against a real server SKIPPED; `make test` installs it (apt-get install postgresql) when it can"
        }
        if getuid() == 0, getpwnam("postgres") == nil {
            return "running as root without a `postgres` user to run the server as: federation tests against a real server SKIPPED"
        }
        return nil
    }()

    /// Whether a server can be started; the first look prints the reason when not (once per test process).
    static let available: Bool = {
        if let reason = unavailableReason {
            FileHandle.standardError.write(Data("note: \(reason)\n".utf8))
            return false
        }
        return true
    }()

    /// openssl, to give the server a self-signed certificate: it then offers TLS, as a hosted database would.
    static let openssl: String? = ["/usr/bin/openssl", "/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let folder: URL
    let port: Int
    /// Whether the server offers TLS (a self-signed certificate; libpq's default sslmode=prefer then uses it).
    let offersTLS: Bool
    private var running = false

    /// libpq connection string of the server's `postgres` database, as the `stocktake` superuser (trust auth).
    var conninfo: String { "host=127.0.0.1 port=\(port) user=stocktake dbname=postgres" }

    init() throws {
        guard let bin = Self.binaries else { throw Failure("PostgreSQL is not installed") }
        let fm = FileManager.default
        Self.removeOrphans(bin)
        folder = fm.temporaryDirectory.appendingPathComponent("stocktake-pg-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        // The owner's pid: a later test stops and removes the server of a test process that crashed.
        try "\(getpid())".write(to: folder.appendingPathComponent("owner.pid"), atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        var lastError: (any Error)?
        var chosen = 0
        var tls = false
        do {
            let data = folder.appendingPathComponent("data")
            try Self.asServerUser(["\(bin.path)/initdb", "-D", data.path, "-A", "trust",
                                   "-U", "stocktake", "-E", "UTF8", "--locale=C", "--no-sync"], owning: folder)
            var settings = "-c listen_addresses=127.0.0.1 -c fsync=off"
            if let openssl = Self.openssl {
                let key = data.appendingPathComponent("server.key").path, certificate = data.appendingPathComponent("server.crt").path
                try Self.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                              "-days", "1", "-subj", "/CN=localhost"])
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
                settings += " -c ssl=on -c ssl_cert_file=\(certificate) -c ssl_key_file=\(key)"
                tls = true
            }
            // A port that was free a moment ago may be taken when the server binds it: a few tries.
            for _ in 0..<3 {
                chosen = try Self.freePort()
                do {
                    try Self.asServerUser(["\(bin.path)/pg_ctl", "-D", folder.appendingPathComponent("data").path,
                                           "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60",
                                           "-o", "-p \(chosen) -k \(folder.path) \(settings)",
                                           "start"], owning: folder)
                    lastError = nil
                    break
                } catch {
                    lastError = error
                }
            }
        } catch {
            lastError = error
        }
        port = chosen
        offersTLS = tls
        if let lastError {
            try? fm.removeItem(at: folder)
            throw lastError
        }
        running = true
    }

    deinit { stop() }

    /// Stops the server (immediate shutdown) and removes its folder.
    func stop() {
        if running, let bin = Self.binaries {
            try? Self.asServerUser(["\(bin.path)/pg_ctl", "-D", folder.appendingPathComponent("data").path, "-m", "immediate",
                                    "-w", "stop"], owning: nil)
            running = false
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Stops and removes the servers of test processes that died without `stop()` (a crash skips `defer`).
    private static func removeOrphans(_ bin: URL) {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory
        for name in (try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix("stocktake-pg-") {
            let folder = tmp.appendingPathComponent(name)
            guard let text = try? String(contentsOf: folder.appendingPathComponent("owner.pid"), encoding: .utf8),
                  let owner = pid_t(text), owner != getpid(), kill(owner, 0) != 0, errno == ESRCH else { continue }
            if fm.fileExists(atPath: folder.appendingPathComponent("data/postmaster.pid").path) {
                try? asServerUser(["\(bin.path)/pg_ctl", "-D", folder.appendingPathComponent("data").path, "-m", "immediate",
                                   "-w", "stop"], owning: nil)
            }
            try? fm.removeItem(at: folder)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs `arguments` (as `postgres` when root, after giving it `owning`), failing with its output.
    private static func asServerUser(_ arguments: [String], owning: URL?) throws {
        var command = arguments
        if getuid() == 0 {
            if let owning { try run(["/bin/chown", "-R", "postgres", owning.path]) }
            command = ["/sbin/runuser", "-u", "postgres", "--"] + arguments
        }
        try run(command)
    }

    /// posix_spawn and waitpid, not Foundation's Process: the server pg_ctl starts outlives it, and Process then
    /// never saw pg_ctl exit (its pipe or its child monitoring kept waiting). Output goes to a file in /tmp.
    private static func run(_ command: [String]) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-pg-command-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, &arguments, environ)
        guard spawned == 0 else { throw Failure("\(command[0]): posix_spawn failed (\(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Failure("\(command[0]): waitpid failed (\(errno))") }
        }
        // WIFEXITED and WEXITSTATUS, spelled out (Glibc's macros do not import).
        let exited = status & 0x7f == 0, code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure("\(command.joined(separator: " ")) failed (status \(status)): \(output)")
        }
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw Failure("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
