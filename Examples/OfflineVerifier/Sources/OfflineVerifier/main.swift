import Foundation
import Tessera

// offline-verifier JWKS_FILE [--iss ISSUER] [--aud AUDIENCE] [--scope SCOPE]
//
// Reads one `Authorization` header value per line on stdin ("Bearer <token>") and prints one
// decision per line, as a request handler would make them. Exit 2 on a configuration error.

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(index...index + 1) }
    return arguments[index + 1]
}
let issuer = option("--iss")
let audience = option("--aud")
let scope = option("--scope")

/// Configuration errors end the program before it serves anything.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}
guard arguments.count == 1 else {
    fail("usage: offline-verifier JWKS_FILE [--iss ISSUER] [--aud AUDIENCE] [--scope SCOPE] < authorization-headers")
}

let authorizer: Authorizer
do {
    authorizer = try Authorizer(jwksPath: arguments[0], issuer: issuer, audience: audience)
} catch {
    fail("error: \(error)")
}

while let line = readLine() {
    switch authorizer.authorize(authorization: line, requiredScope: scope) {
    case .allow(let subject): print("200 allow \(subject)")
    case .forbidden(let subject): print("403 forbidden \(subject): missing scope \(scope ?? "")")
    case .unauthenticated(let code): print("401 \(code)")
    }
}
