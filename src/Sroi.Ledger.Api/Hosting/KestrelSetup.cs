using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>What the service asks of Kestrel: the request-body limit, and problem+json for the answers Kestrel gives itself.</summary>
public static class KestrelSetup
{
    public static void ConfigureLedgerKestrel(this WebApplicationBuilder builder)
    {
        var limit = RequestBodyLimit.From(builder.Configuration);
        builder.Services.AddSingleton(limit);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A Content-Length over the limit, or a chunked body passing it, is refused by Kestrel too (RequestBody turns
            // its exception into the 413 problem).
            kestrel.Limits.MaxRequestBodySize = limit.Bytes;
            kestrel.ConfigureEndpointDefaults(listen => listen.UseKestrelProblemAnswers());
        });
    }
}
