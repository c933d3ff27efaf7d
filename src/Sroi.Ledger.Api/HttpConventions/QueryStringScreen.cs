namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// Every query parameter, name and value, is screened by <see cref="TextScreen"/> before any endpoint sees it: a
/// <c>?reference=%00</c> is a 400 naming the parameter, whichever endpoint it was sent to, and never reaches PostgreSQL.
/// Query values are codes, dates and numbers, so tab and line breaks are refused too; each is one value, so a
/// parameter given twice is refused too; and a name the operation does not declare (<see cref="DeclaredQueryParameters"/>)
/// is refused rather than ignored.
/// </summary>
public static class QueryStringScreen
{
    public const string RepeatedMessage = "Given more than once; give each parameter once.";

    public static void UseQueryStringScreen(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (!http.Request.QueryString.HasValue)
        {
            await next(http);
            return;
        }
        var errors = new FieldErrors();
        var declared = http.RequestServices.GetRequiredService<DeclaredQueryParameters>().Of(http.GetEndpoint());
        foreach (var (name, values) in http.Request.Query)
        {
            if (TextScreen.Problem(name, lines: false) is { } badName) errors.Add("query", "A parameter name: " + badName);
            else if (values.Select(v => TextScreen.Problem(v ?? "", lines: false)).FirstOrDefault(p => p is not null) is { } badValue)
                errors.Add(name, badValue);
            else if (declared is not null && !declared.Contains(name, StringComparer.OrdinalIgnoreCase))
                errors.Add(name, DeclaredQueryParameters.Message(declared));
            // ASP.NET binds ?page=1&page=2 (or &PAGE=2: names are matched in any case) as "1,2", which the parameter then
            // calls a bad value; no parameter takes a list, so the 400 says what is wrong.
            else if (values.Count > 1)
                errors.Add(name, RepeatedMessage);
        }
        if (errors.Any) await Problems.BadRequest(errors).ExecuteAsync(http);
        else await next(http);
    });
}
