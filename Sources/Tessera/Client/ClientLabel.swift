/// The device label an account page shows ("Firefox on Linux"): privacy-minimal by design.
///
/// ``fromUserAgent(_:)`` keeps only a coarse browser and OS family, never versions or the raw
/// string (a User-Agent is personal data and a fingerprinting aid). A label an application
/// passes itself goes through ``sanitize(_:)``: control characters dropped, at most
/// ``maximumLength`` bytes.
public enum ClientLabel {
    /// The longest label, in UTF-8 bytes.
    public static let maximumLength = 64

    /// "Browser on OS" from a User-Agent header, e.g. "Chrome on Windows", "Safari on iOS";
    /// "Unknown browser" / "unknown OS" for what it does not recognise.
    public static func fromUserAgent(_ userAgent: String) -> String {
        let ua = userAgent.prefix(512)
        let browser = browsers.first { ua.contains($0.marker) }?.name ?? "Unknown browser"
        let system = systems.first { ua.contains($0.marker) }?.name ?? "unknown OS"
        return "\(browser) on \(system)"
    }

    /// `label` without control characters, trimmed, cut to ``maximumLength`` bytes on a
    /// character boundary; nil when nothing is left.
    public static func sanitize(_ label: String) -> String? {
        var out = ""
        for character in label where !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            guard out.utf8.count + character.utf8.count <= maximumLength else { break }
            out.append(character)
        }
        let trimmed = out.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static let browsers: [(marker: String, name: String)] = [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"),
        ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"),
    ]

    /// Order matters: Android also says "Linux", iOS also says "Mac OS X".
    private static let systems: [(marker: String, name: String)] = [
        ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iOS"), ("CrOS", "ChromeOS"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ]
}

extension String {
    /// Without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
