import ArgumentParser
import Tessera

/// `tessera inspect`: decode a token WITHOUT verifying it, for debugging.
struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode a token WITHOUT verifying it (debugging only).",
        discussion: """
            Prints {"verified":false,"header":{…},"claims":{…}} and a warning on stderr. \
            Nothing is checked: not the signature, not the expiry, not the issuer. Anyone can \
            write anything into a token, so never trust what this prints; use `tessera verify`. \
            Input that is not three base64url segments of JSON objects exits 1 with \
            `rejected: malformed: …`.

            Examples:
              tessera inspect "$TOKEN"
              tessera mint --key key.jwk --sub alice | tessera inspect
            """)

    @OptionGroup var input: TokenInput

    func run() async throws {
        let decoded = try UnverifiedToken.decodeUnverified(try input.read())
        Console.err("warning: UNVERIFIED: the signature and claims were not checked; use `tessera verify` to trust a token")
        Console.out(#"{"verified":false,"header":"# + decoded.headerJSON + #","claims":"# + decoded.claimsJSON + "}")
    }
}
