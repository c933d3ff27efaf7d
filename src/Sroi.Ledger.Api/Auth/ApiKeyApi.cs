namespace Sroi.Ledger.Api.Auth;

/// <summary>The API key endpoints under /api/v1/api-keys, for administrators only.</summary>
public static class ApiKeyApi
{
    public static void MapApiKeys(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");

        keys.MapPost("", ApiKeyEndpoints.IssueAsync).WithName("issueApiKey")
            .WithSummary("Issue an API key; the key is shown once.")
            .RequireRoles(Role.Admin);

        keys.MapGet("", ApiKeyEndpoints.ListAsync).WithName("listApiKeys")
            .WithSummary("List issued keys (without the secrets).")
            .RequireRoles(Role.Admin);

        keys.MapGet("/{id:guid}", ApiKeyEndpoints.GetAsync).WithName("getApiKey")
            .WithSummary("One issued key (without the secret): the Location of a 201 from POST /api-keys.")
            .RequireRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapDelete("/{id:guid}", ApiKeyEndpoints.RevokeAsync).WithName("revokeApiKey")
            .WithSummary("Revoke a key; it stops working at once.")
            .RequireRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
