using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Sroi.Ledger.Api.Auditing.History;

/// <summary>
/// Says in the OpenAPI document what every history's <c>chain</c> covers. With <c>?asKnownOn=</c> the events, the state and
/// the checkpoint are as known then, but <c>chain</c> is the stream as it is now (by design: a break made after that moment
/// must still show). Without this a client reads the two as contradicting each other.
/// </summary>
public sealed class HistoryChainSchema : ISchemaFilter
{
    public const string Description =
        "The stream's hash chain recomputed over every event it holds now, whatever page or `asKnownOn` is asked for: with " +
        "`asKnownOn` the events, the state and `checkpoint` are as known on that moment, while `chain` is the stream as it is " +
        "today (a break anywhere, even one made after that moment, is an auditor's first concern). Each event's `chainHolds` is the chain over the events " +
        "known on the moment.";

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type == typeof(HistoryChain) && schema is OpenApiSchema target) target.Description = Description;
    }
}
