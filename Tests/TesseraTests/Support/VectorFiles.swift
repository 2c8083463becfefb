import Foundation

/// The copied vector files under `Tests/TesseraTests/Vectors/`, found next to this source file
/// (no resource bundle: the folder is excluded from the target's sources).
enum VectorFiles {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support/
        .deletingLastPathComponent()  // TesseraTests/
        .appendingPathComponent("Vectors")

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

/// Wycheproof `testvectors_v1` files: only the fields the tests read.
enum Wycheproof {
    struct File<Group: Decodable>: Decodable {
        let algorithm: String
        let numberOfTests: Int
        let testGroups: [Group]
    }

    struct EdDSAGroup: Decodable {
        struct PublicKey: Decodable { let pk: String }
        let publicKey: PublicKey
        let tests: [EdDSATest]
    }

    struct EdDSATest: Decodable {
        let tcId: Int
        let comment: String
        let msg: String
        let sig: String
        let result: String
    }

    struct MACGroup: Decodable {
        let keySize: Int
        let tagSize: Int
        let tests: [MACTest]
    }

    struct MACTest: Decodable {
        let tcId: Int
        let comment: String
        let key: String
        let msg: String
        let tag: String
        let result: String
    }
}
