import Tessera

/// A value bound to a statement parameter.
enum SQLiteValue {
    case integer(Int64)
    case text(String)
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
            }
        }
    }
}
