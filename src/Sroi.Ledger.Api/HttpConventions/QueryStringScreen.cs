namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// Every query parameter, name and value, is screened by <see cref="TextScreen"/> before any endpoint sees it: a
/// <c>?reference=%00</c> is a 400 naming the parameter, whichever endpoint it was sent to, and never reaches PostgreSQL.
/// Query values are codes, dates and numbers, so tab and line breaks are refused too.
/// </summary>
public static class QueryStringScreen
{
    public static void UseQueryStringScreen(this WebApplication app) => app.Use(async (http, next) =>
    {
        var errors = new FieldErrors();
        foreach (var (name, values) in http.Request.Query)
        {
            if (TextScreen.Problem(name, lines: false) is { } badName) errors.Add("query", "A parameter name: " + badName);
            else if (values.Select(v => TextScreen.Problem(v ?? "", lines: false)).FirstOrDefault(p => p is not null) is { } badValue)
                errors.Add(name, badValue);
        }
        if (errors.Any) await Problems.BadRequest(errors).ExecuteAsync(http);
        else await next(http);
    });
}
