import Tessera

/// A value bound to a statement parameter.
enum SQLiteValue {
    case integer(Int64)
    case text(String)
    case null

    /// Text, or NULL for nil.
    static func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
}

extension SQLiteConnection {
    /// Runs one fixed statement with `values` bound to `?1`, `?2`…; returns the rows it changed.
    @discardableResult
    func run(_ sql: StaticString, _ values: SQLiteValue...) throws(TesseraError) -> Int {
        try withStatement(sql) { (statement) throws(TesseraError) in
            try statement.bind(values)
            try statement.run()
        }
        return changes
    }

    /// The rows of a fixed query, each turned into a value by `row`.
    func rows<R>(_ sql: StaticString, _ values: SQLiteValue..., row: (SQLiteStatement) throws(TesseraError) -> R) throws(TesseraError) -> [R] {
        try withStatement(sql) { (statement) throws(TesseraError) in
            try statement.bind(values)
            var out: [R] = []
            while try statement.step() { out.append(try row(statement)) }
            return out
        }
    }

    /// The first column of the first row of a fixed query, or nil when it returns no row or NULL.
    func integer(_ sql: StaticString, _ values: SQLiteValue...) throws(TesseraError) -> Int64? {
        try withStatement(sql) { (statement) throws(TesseraError) in
            try statement.bind(values)
            return try statement.step() && !statement.isNull(0) ? statement.int64(0) : nil
        }
    }
}

extension SQLiteStatement {
    /// Binds `values` to parameters 1, 2, ….
    func bind(_ values: [SQLiteValue]) throws(TesseraError) {
        for (offset, value) in values.enumerated() {
            switch value {
            case .integer(let number): try bind(Int32(offset + 1), number)
            case .text(let text): try bind(Int32(offset + 1), text)
            case .null: try bindNull(Int32(offset + 1))
            }
        }
    }
}
