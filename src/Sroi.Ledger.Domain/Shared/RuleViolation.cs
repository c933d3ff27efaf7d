namespace Sroi.Ledger.Domain.Shared;

/// <summary>
/// A command broke a business rule. The one rejection type of the domain; the API maps it to
/// 422 problem+json with <see cref="Code"/> and, where one field is to blame, <see cref="Field"/>.
/// </summary>
public sealed class RuleViolation(string code, string message, string? field = null) : Exception(message)
{
    /// <summary>Stable machine-readable name of the rule, e.g. <c>contract.already-completed</c>.</summary>
    public string Code { get; } = code;

    public string? Field { get; } = field;
}
