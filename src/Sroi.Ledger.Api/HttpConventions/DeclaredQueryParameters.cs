using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// The query parameters each operation declares, as the OpenAPI document has them (both come from ASP.NET's API explorer,
/// which reads the endpoint's bound parameters), by the endpoint's name. <see cref="QueryStringScreen"/> refuses any other
/// name: a misspelt filter (<c>?staus=behind</c>) or one the operation does not have (<c>?asKnownOn=</c> on the contract
/// list) was silently ignored, and the caller took an unfiltered or present-day answer for the one it asked for.
/// </summary>
public sealed class DeclaredQueryParameters(IApiDescriptionGroupCollectionProvider explorer)
{
    private readonly Lazy<Dictionary<string, string[]>> byEndpoint = new(() =>
    {
        var declared = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var description in explorer.ApiDescriptionGroups.Items.SelectMany(group => group.Items))
        {
            if (description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault() is not { } name) continue;
            var names = description.ParameterDescriptions.Where(p => p.Source == BindingSource.Query)
                .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
            declared[name.EndpointName] = [.. names.Concat(declared.GetValueOrDefault(name.EndpointName) ?? []).Distinct(StringComparer.OrdinalIgnoreCase)];
        }
        return declared;
    });

    /// <summary>The names the endpoint's operation declares (matched in any case, as ASP.NET binds them); null: not described.</summary>
    public string[]? Of(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>() is { } name && byEndpoint.Value.TryGetValue(name.EndpointName, out var names) ? names : null;

    public static string Message(string[] declared) => declared.Length == 0
        ? "Not a parameter of this operation, which takes none."
        : $"Not a parameter of this operation; it takes {string.Join(", ", declared)}.";
}
