namespace Sroi.Ledger.DevIdentity.Accounts;

/// <summary>
/// One person of the development identity provider. The subject is a fixed GUID per account, never the user name, so a
/// token looks like a real provider's (an opaque, stable subject) and the service cannot come to depend on names.
/// </summary>
/// <param name="Region">A regional coordinator's region (issue 21), sent as the <c>region</c> claim; null for every other role.</param>
public sealed record DevAccount(
    string UserName, Guid Subject, string DisplayName, string Email, string Role, string? Municipality, string? KvkNumber,
    string? Region = null);
