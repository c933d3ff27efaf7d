namespace Sroi.Ledger.Api.Hosting;

/// <summary>Every response says which API version answered it (NL API Design Rules, /core/version-header).</summary>
public static class ApiVersionHeader
{
    public const string Version = "1.0.0";

    public static void UseApiVersionHeader(this WebApplication app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["API-Version"] = Version;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
