namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// Every query parameter, name and value, is screened by <see cref="TextScreen"/> before any endpoint sees it: a
/// <c>?reference=%00</c> is a 400 naming the parameter, whichever endpoint it was sent to, and never reaches PostgreSQL.
/// Query values are codes, dates and numbers, so tab and line breaks are refused too; each is one value, so a
/// parameter given twice is refused too; a name the operation does not declare (<see cref="DeclaredQueryParameters"/>)
/// is refused rather than ignored; and a parameter of an operation given empty (<c>?municipality=</c>, <c>?asKnownOn=</c>,
/// <c>?page=</c>) is refused, whatever its kind: every parameter is optional or has a default, so "left out" is said by
/// leaving it out, and an empty value read as left out answered a question the caller did not ask (all municipalities, or
/// today, for a client whose variable was blank).
/// </summary>
public static class QueryStringScreen
{
    public const string RepeatedMessage = "Given more than once; give each parameter once.";

    public const string EmptyMessage = "Empty: give a value, or leave the parameter out.";

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
            else if (declared is not null && string.IsNullOrEmpty(values[0]))
                errors.Add(name, name.Equals(Auth.MunicipalityScope.Parameter, StringComparison.OrdinalIgnoreCase)
                    ? "Empty: " + QueryParameters.MunicipalityMessage + " Leave the parameter out for the key's own (an admin: all, where the operation allows)."
                    : EmptyMessage);
        }
        if (errors.Any) await Problems.BadRequest(errors).ExecuteAsync(http);
        else await next(http);
    });
}
