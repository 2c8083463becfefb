import Benchmark
import Tessera

/// The verifier's revocation step against a list of 100,000 revoked token ids (plus 10,000
/// sessions and 10,000 subject epochs): once for a token that is not revoked (the common case)
/// and once for one whose `jti` is among the 100,000.
func registerRevocationBenchmarks() {
    let fixture = try! Fixture(.hs256)
    let fresh = try! fixture.verifier.verify(fixture.token)
    let revokedToken = try! fixture.verifier.verify(fixture.issuer.issue(Fixture.request).token)

    var builder = RevocationSnapshot.Builder()
    for index in 0..<99_999 { builder.revokeToken("jti-\(index)-Vq3XoZ1l0m2lJ6n") }
    builder.revokeToken(revokedToken.tokenID!)
    for index in 0..<10_000 {
        builder.revokeSession("sid-\(index)-8c5e7g")
        builder.setEpoch(Int64(index % 7), forSubject: "user-\(index)")
    }
    let list = RevocationList(builder.build())
    precondition(list.snapshot.tokenCount == 100_000)
    precondition(!list.isRevoked(fresh) && list.isRevoked(revokedToken))

    measure("Revocation lookup, 100k entries (not revoked)") { blackHole(list.isRevoked(fresh)) }
    measure("Revocation lookup, 100k entries (revoked)") { blackHole(list.isRevoked(revokedToken)) }
}
