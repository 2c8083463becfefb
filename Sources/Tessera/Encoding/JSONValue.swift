/// A whole JSON document as a tree, for the paths that are not hot: JWKs, foreign headers and
/// `tessera inspect`. Parsed by the strict ``JSONReader``, so it inherits its rules.
enum JSONValue: Sendable, Equatable {
    case string(String)
    /// The number's exact source text (never rounded).
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in source order (duplicates are rejected by the reader).
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)), let (.number(x), .number(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        case (.null, .null): true
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// Parses one JSON document (strict; `malformed` on any deviation).
    static func parse(_ bytes: [UInt8]) throws(TesseraError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(TesseraError) -> JSONValue in
            var reader = JSONReader(buffer)
            let value = try read(&reader, depth: 0)
            try reader.finish()
            return value
        }
    }

    private static func read(_ reader: inout JSONReader, depth: Int) throws(TesseraError) -> JSONValue {
        switch try reader.peekKind() {
        case .string: return .string(reader.decodeString(try reader.readString()))
        case .number:
            let range = try reader.readNumber()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[range]), as: UTF8.self))
        case .bool: return .bool(try reader.readBool())
        case .null:
            try reader.readNull()
            return .null
        case .array:
            var items: [JSONValue] = []
            try reader.readArray(depth: depth) { (r) throws(TesseraError) in items.append(try read(&r, depth: depth + 1)) }
            return .array(items)
        case .object:
            var members: [(String, JSONValue)] = []
            try reader.readObject(depth: depth) { (r, name) throws(TesseraError) in
                members.append((r.decodeString(name), try read(&r, depth: depth + 1)))
            }
            return .object(members)
        }
    }

    /// The member called `name`, if this is an object that has one.
    subscript(_ name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == name }?.1
    }

    /// The string, if this is one.
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Compact JSON text.
    func write(into writer: inout JSONWriter) {
        switch self {
        case .string(let s): writer.string(s)
        case .number(let n): writer.raw(Array(n.utf8))
        case .bool(let b): writer.bool(b)
        case .null: writer.raw(Array("null".utf8))
        case .array(let items):
            writer.beginArray()
            for item in items { item.write(into: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for (name, value) in members {
                writer.key(name)
                value.write(into: &writer)
            }
            writer.endObject()
        }
    }
}
