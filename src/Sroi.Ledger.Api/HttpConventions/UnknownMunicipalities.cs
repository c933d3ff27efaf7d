using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.People;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// <c>?municipality=</c> naming a well-formed code the ledger does not know (<see cref="KnownMunicipalities"/>) is a 404
/// problem on every operation that takes it, as a history of a municipality without that stream already was: a report,
/// worklist or verification of it answered 200 with empty figures, which a client that mistyped GM0603 as GM6003 took for
/// a municipality with nothing to show.
/// </summary>
/// <remarks>
/// One filter for all of them (a factory: only operations whose query declares a <see cref="QueryMunicipality"/> get it).
/// A read answers its own 400 and 403 first (every bad parameter named, another municipality than the key's refused) and
/// the 404 replaces only its success; a write (POST /audit/checkpoints, a programme's amendment) is stopped before it
/// runs. A caller bound to a municipality that names its own is not asked about: its key or sign-in makes it known.
/// </remarks>
public static class UnknownMunicipalities
{
    public static RouteGroupBuilder AnswerUnknownMunicipalities(this RouteGroupBuilder group)
    {
        group.AddEndpointFilterFactory((factory, next) =>
        {
            // The bound query record that carries ?municipality=, read as the endpoint reads it.
            var parameters = factory.MethodInfo.GetParameters();
            var at = Array.FindIndex(parameters, p => MunicipalityOf(p.ParameterType) is not null);
            if (at < 0 || !TakesMunicipality(factory.MethodInfo)) return next;
            var property = MunicipalityOf(parameters[at].ParameterType)!;
            return async context =>
            {
                var http = context.HttpContext;
                if (context.Arguments[at] is not { } query || property.GetValue(query) is not QueryMunicipality { Text: var text }
                    || !MunicipalityCode.TryParse(text, out var code)
                    || http.User.Identity?.IsAuthenticated != true || Caller.From(http.User).Municipality is not null)
                    return await next(context);
                var db = http.RequestServices.GetRequiredService<Npgsql.NpgsqlDataSource>();
                if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                {
                    var answer = await next(context);
                    return Refused(answer) || await KnownMunicipalities.IsKnownAsync(db, code, http.RequestAborted) ? answer : NotKnown(code);
                }
                return await KnownMunicipalities.IsKnownAsync(db, code, http.RequestAborted) ? await next(context) : NotKnown(code);
            };
        });
        // The 404 in the OpenAPI document of each such operation, once (after the operation's own ProducesProblem).
        ((IEndpointConventionBuilder)group).Finally(builder =>
        {
            if (builder.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } method && TakesMunicipality(method)
                && !builder.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == StatusCodes.Status404NotFound))
                builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails),
                    ["application/problem+json"]));
        });
        return group;
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotKnown(MunicipalityCode code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.",
            detail: $"{code} is not a municipality this ledger knows: not in CBS's table, and nothing is recorded for it.",
            type: "https://sroi-ledger.nl/problems/not-found",
            extensions: new Dictionary<string, object?> { ["field"] = MunicipalityScope.Parameter });

    private static bool TakesMunicipality(MethodInfo method) =>
        method.GetCustomAttribute<ListsWhatMakesAMunicipalityKnownAttribute>() is null && method.GetParameters().Any(p => MunicipalityOf(p.ParameterType) is not null);

    /// <summary>The <c>municipality</c> property of an <c>[AsParameters]</c> query record; null for any other type.</summary>
    private static PropertyInfo? MunicipalityOf(Type type) => type.GetProperties().FirstOrDefault(property =>
        property.PropertyType == typeof(QueryMunicipality?) && property.Name.Equals(MunicipalityScope.Parameter, StringComparison.OrdinalIgnoreCase));

    private static bool Refused(object? answer)
    {
        while (answer is INestedHttpResult nested) answer = nested.Result;
        return answer is IStatusCodeHttpResult { StatusCode: >= 400 };
    }
}

/// <summary>
/// A list of what makes a municipality known — its policy versions, its building-block tables — answers an empty list for
/// a municipality with none, not the 404 of <see cref="UnknownMunicipalities"/>: it is where an admin looks before adding
/// the first of a municipality formed after CBS's table was shipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ListsWhatMakesAMunicipalityKnownAttribute : Attribute;
