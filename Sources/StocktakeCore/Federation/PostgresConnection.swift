import CLibPQ
import Foundation
import StocktakeModel

/// A failure talking to the federation database. Its message never contains the connection string's password.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Whether the server could not be reached or refused the login (the database is unavailable), as opposed to a
    /// statement that failed.
    public var isConnection: Bool
    public var message: String
    /// SQLSTATE of a failed statement (`23505` unique violation, …), when the server gave one.
    public var sqlState: String?

    public var description: String { message }
}

/// One libpq connection to a PostgreSQL server (PQconnectdb, PQexecParams). Statements are parameterised, values
/// travel as text; a connection is used by one thread at a time.
///
/// TLS follows libpq: `sslmode=prefer` unless the connection string says otherwise (TLS whenever the server offers
/// it). Passwords come from the connection string, `PGPASSWORD` or a `.pgpass` file (`PGPASSFILE`), as libpq reads
/// them; `redact` keeps the password out of every message.
public final class PostgresConnection {
    private let connection: OpaquePointer
    /// The password given in the connection string, if any, removed from error messages.
    private let secret: String?
    /// `host:port/database` as libpq resolved it, for messages.
    public let target: String

    /// Connects with a libpq connection string (`host=… dbname=…`) or URI (`postgresql://…`).
    /// - Throws: `PostgresError` with `isConnection` set when the string cannot be parsed or the server not reached.
    public init(conninfo: String) throws {
        secret = Self.password(in: conninfo)
        // The application name shows in pg_stat_activity; notices (e.g. "relation exists, skipping") stay quiet.
        var options = conninfo
        if !conninfo.contains("://") && !conninfo.contains("application_name") { options += " application_name=stocktake" }
        guard let connection = PQconnectdb(options) else {
            throw PostgresError(isConnection: true, message: "libpq could not allocate a connection", sqlState: nil)
        }
        self.connection = connection
        target = Self.describe(connection)
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.redact(String(cString: PQerrorMessage(connection)), secret: secret)
            // Every stored property is set: deinit runs when init throws, and it calls PQfinish (once).
            throw PostgresError(isConnection: true,
                                message: "cannot connect to \(target): \(message.trimmingCharacters(in: .whitespacesAndNewlines))",
                                sqlState: nil)
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit { PQfinish(connection) }

    /// Whether the session is encrypted (TLS).
    public var usesTLS: Bool { PQsslInUse(connection) == 1 }

    /// Runs one statement with `$1…$n` parameters (nil is SQL NULL) and returns its rows as text.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        let count = Int32(parameters.count)
        // The C strings live until PQexecParams returns.
        let cStrings: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { for pointer in cStrings { free(pointer) } }
        let values: [UnsafePointer<CChar>?] = cStrings.map { UnsafePointer($0) }
        let result = values.withUnsafeBufferPointer { buffer in
            PQexecParams(connection, sql, count, nil, buffer.baseAddress, nil, nil, 0)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let raw = result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) } ?? ""
            let message = raw.isEmpty ? String(cString: PQerrorMessage(connection)) : raw
            let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
            let lost = PQstatus(connection) != CONNECTION_OK
            throw PostgresError(isConnection: lost,
                                message: "\(target): " + Self.redact(message, secret: secret).trimmingCharacters(in: .whitespacesAndNewlines),
                                sqlState: state)
        }
        guard status == PGRES_TUPLES_OK, let result else { return [] }
        let rows = PQntuples(result), columns = PQnfields(result)
        var table: [[String?]] = []
        table.reserveCapacity(Int(rows))
        for row in 0..<rows {
            var values: [String?] = []
            values.reserveCapacity(Int(columns))
            for column in 0..<columns {
                values.append(PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column)))
            }
            table.append(values)
        }
        return table
    }

    /// Runs a script of several statements without parameters (a migration): PQexec, one round trip.
    public func execute(script sql: String) throws {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let message = result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) } ?? String(cString: PQerrorMessage(connection))
            throw PostgresError(isConnection: PQstatus(connection) != CONNECTION_OK,
                                message: "\(target): " + Self.redact(message, secret: secret).trimmingCharacters(in: .whitespacesAndNewlines),
                                sqlState: result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) })
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        do {
            let value = try body()
            try query("COMMIT")
            return value
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// The password of a connection string or URI, if it spells one (libpq's own parser).
    static func password(in conninfo: String) -> String? {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            if let errorMessage { PQfreemem(errorMessage) }
            return nil
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val {
                let text = String(cString: value)
                return text.isEmpty ? nil : text
            }
            option += 1
        }
        return nil
    }

    /// `message` with every occurrence of `secret` replaced.
    static func redact(_ message: String, secret: String?) -> String {
        guard let secret, !secret.isEmpty else { return message }
        return message.replacingOccurrences(of: secret, with: "********")
    }

    private static func describe(_ connection: OpaquePointer) -> String {
        func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        let host = text(PQhost(connection)), port = text(PQport(connection)), database = text(PQdb(connection))
        return "postgresql \(host.isEmpty ? "localhost" : host):\(port.isEmpty ? "5432" : port)/\(database)"
    }
}
