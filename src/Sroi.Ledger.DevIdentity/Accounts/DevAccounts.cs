namespace Sroi.Ledger.DevIdentity.Accounts;

/// <summary>
/// One account per role of the ledger, all acting for Rijswijk (GM0603) except the admin, the contractors and the regional
/// coordinator (Haaglanden, Rijswijk's region); a second
/// contractor so that two contractors can be shown apart (and a test can report on contracts of its own).
/// </summary>
public static class DevAccounts
{
    public const string Rijswijk = "GM0603";

    public static IReadOnlyList<DevAccount> All { get; } =
    [
        new("inkoop", Guid.Parse("6f1d2a9e-3c4b-4e8a-9b1f-0a6c1e2d3f41"), "M. de Vries", "m.devries@rijswijk.example",
            "inkoop", Rijswijk, null),
        new("wsp", Guid.Parse("0b7e5c21-8d4f-4a3e-b6c9-2f1a7d9e4c52"), "S. Bakker", "s.bakker@wsp-rijswijk.example",
            "wsp", Rijswijk, null),
        new("auditor", Guid.Parse("c3a8f0d6-1e2b-4f7c-8a5d-9b4e6c2f1a63"), "J. Jansen", "j.jansen@rijswijk.example",
            "auditor", Rijswijk, null),
        new("admin", Guid.Parse("e9d4b7a2-5f6c-4d1e-a3b8-7c2f0e9d5b74"), "A. Visser", "a.visser@sroi-ledger.example",
            "admin", null, null),
        new("opdrachtnemer-12345678", Guid.Parse("47c2e1f8-9a3d-4b6e-8f5c-1d7a3e9b2c85"), "P. Smit",
            "p.smit@bouwbedrijf.example", "opdrachtnemer", null, "12345678"),
        new("opdrachtnemer-23456789", Guid.Parse("5d8e2b4a-7c1f-4e9a-b2d6-3f0a8c7e1b96"), "R. de Boer",
            "r.deboer@schoonmaak.example", "opdrachtnemer", null, "23456789"),
        // Issue 21: the regional coordinator of arbeidsmarktregio Haaglanden, who reads the region's reports only.
        new("regiocoordinator", Guid.Parse("8a3f6d1c-2e9b-4c7a-9d5e-6b1f4a8c3e27"), "K. Mulder", "k.mulder@haaglanden.example",
            "regiocoordinator", null, null, "haaglanden"),
    ];

    public static DevAccount? Find(string? userName) =>
        All.FirstOrDefault(account => string.Equals(account.UserName, userName?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static DevAccount? FindBySubject(string? subject) =>
        Guid.TryParse(subject, out var id) ? All.FirstOrDefault(account => account.Subject == id) : null;
}
