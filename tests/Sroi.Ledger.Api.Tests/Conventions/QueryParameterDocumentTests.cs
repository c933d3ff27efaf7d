using System.Net;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// The OpenAPI document declares every query parameter the server reads, and only those: for every endpoint, the query
/// parameters its handler binds (its parameters, the properties of its [AsParameters] records) equal the query
/// parameters of its operation in the served document, by name and by type and format, both ways. And no code reads the
/// query string by hand, where neither the binding nor the document could see it.
/// </summary>
[Collection(ApiCollection.Name)]
public partial class QueryParameterDocumentTests(LedgerApi api)
{
    /// <summary>
    /// The files that may read the query string by hand: the query values' own file, the screen every request passes
    /// (it screens every parameter, whatever its name), and the rate limiter's test of a read as known on a moment (it asks
    /// only whether <c>asKnownOn</c> is named, before any endpoint binds it: RateLimiting/ExpensiveRead).
    /// </summary>
    private static readonly HashSet<string> FilesReadingTheQuery =
        ["HttpConventions/QueryValues.cs", "HttpConventions/QueryStringScreen.cs", "RateLimiting/ExpensiveRead.cs"];

    [Fact]
    public async Task The_document_declares_every_query_parameter_the_server_binds_and_no_other()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);
        var services = api.Services.GetRequiredService<IServiceProviderIsService>();
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) == true)
            .ToList();

        var compared = new List<string>();
        foreach (var endpoint in endpoints)
        {
            // A group's root ("" under /contracts) ends in a slash in the route, not in the document.
            var path = Constraint().Replace(endpoint.RoutePattern.RawText!.TrimStart('/')["api/v1".Length..].TrimEnd('/'), "{$1}");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
                if (operation is null)
                {
                    // Only what is left out of the document on purpose is not in it.
                    (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
                        .Should().BeTrue($"{method} {path} is served, so it is in the document");
                    continue;
                }
                var key = $"{method} {path}";
                var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
                handler.Should().NotBeNull($"{key} is in the document, so its handler method must be known");

                var declared = (operation["parameters"]?.AsArray() ?? [])
                    .Where(p => p!["in"]!.GetValue<string>() == "query")
                    .ToDictionary(p => p!["name"]!.GetValue<string>(), p => Shape(p!["schema"]!));

                // A handler that took the request could read any of it: every one binds what it reads.
                handler!.GetParameters().Should().NotContain(p => p.ParameterType == typeof(HttpContext) || p.ParameterType == typeof(HttpRequest),
                    $"{key} declares what it reads by its parameters");

                var bound = QueryBindings(handler, endpoint, services);
                declared.Keys.Should().BeEquivalentTo(bound.Keys, $"the query parameters of {key}: the document's (left) and the server's binding (right)");
                foreach (var (name, shape) in bound)
                    declared[name].Should().Be(shape, $"{key} binds ?{name}= as {shape}");
                compared.Add(key);
            }
        }

        // The comparison saw the endpoints it is about: the converted reads, each with the parameters it always had.
        compared.Should().Contain(["GET /contracts", "GET /contracts/{id}", "GET /contracts/{id}/history", "GET /contracts/{id}/fulfilments",
            "GET /reports/placements", "GET /notifications", "GET /worklist"]);
    }

    [Fact]
    public void The_served_shapes_are_the_types_clients_see()
    {
        // The values the comparison above relies on: a query value is declared as what it stands for, not as a string.
        Shape(QueryWholeNumber.Schema()).Should().Be("integer/int32");
        Shape(QueryInstant.Schema()).Should().Be("string/date-time");
        Shape(QueryDate.Schema()).Should().Be("string/date");
    }

    [Fact]
    public void No_code_reads_the_query_string_by_hand()
    {
        var root = Path.Combine(Checkout.Root(), "src", "Sroi.Ledger.Api");
        var readers = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("Internal/Generated/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal)
                && !file.StartsWith("bin/", StringComparison.Ordinal))
            .Where(file => ReadsQuery().IsMatch(File.ReadAllText(Path.Combine(root, file))))
            .ToList();

        readers.Should().BeSubsetOf(FilesReadingTheQuery,
            "an endpoint takes its query as an [AsParameters] record, so that the OpenAPI document declares it");
    }

    /// <summary>
    /// The query parameters a handler binds, camelCase as the document names them, with the JSON type and format each is
    /// declared as: what ASP.NET binds from the query string — a simple value that is neither a route
    /// value, a service nor bound in a way of its own (BindAsync, the user, the request's cancellation).
    /// </summary>
    private static Dictionary<string, string> QueryBindings(MethodInfo handler, RouteEndpoint endpoint, IServiceProviderIsService services)
    {
        var route = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var bound = new Dictionary<string, string>();
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                // A positional record's [FromHeader] sits on its constructor's parameter, where ASP.NET reads it too.
                var constructor = parameter.ParameterType.GetConstructors().MaxBy(c => c.GetParameters().Length);
                foreach (var property in parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    Add(property.Name, property.PropertyType, property,
                        constructor?.GetParameters().FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)));
            }
            else Add(parameter.Name!, parameter.ParameterType, parameter);
        }
        return bound;

        void Add(string name, Type type, ICustomAttributeProvider member, ICustomAttributeProvider? alsoOn = null)
        {
            var attributes = member.GetCustomAttributes(true).Concat(alsoOn?.GetCustomAttributes(true) ?? []).ToArray();
            if (attributes.OfType<IFromQueryMetadata>().FirstOrDefault() is { } fromQuery)
            {
                bound[JsonNamingPolicy.CamelCase.ConvertName(fromQuery.Name ?? name)] = ShapeOf(type);
                return;
            }
            if (attributes.Any(a => a is IFromRouteMetadata or IFromHeaderMetadata or IFromBodyMetadata or IFromServiceMetadata or IFromFormMetadata)) return;
            if (route.Contains(name)) return;
            var value = Nullable.GetUnderlyingType(type) ?? type;
            if (value == typeof(CancellationToken) || value == typeof(ClaimsPrincipal) || value == typeof(HttpContext)) return;
            if (value.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static) is not null) return;
            if (services.IsService(type)) return;
            var simple = value == typeof(string) || value.IsPrimitive || value.IsEnum || value == typeof(Guid) || value == typeof(decimal)
                || value.GetMethods(BindingFlags.Public | BindingFlags.Static).Any(m => m.Name == "TryParse");
            if (simple) bound[JsonNamingPolicy.CamelCase.ConvertName(name)] = ShapeOf(type);
        }
    }

    /// <summary>"type/format" of a bound type as the document should declare it.</summary>
    private static string ShapeOf(Type type)
    {
        var value = Nullable.GetUnderlyingType(type) ?? type;
        if (value.IsAssignableTo(typeof(IQueryValue)))
            return Shape((Microsoft.OpenApi.OpenApiSchema)value.GetMethod(nameof(IQueryValue.Schema), BindingFlags.Public | BindingFlags.Static, [])!.Invoke(null, null)!);
        if (value == typeof(string)) return "string";
        if (value == typeof(int)) return "integer/int32";
        if (value == typeof(Guid)) return "string/uuid";
        throw new InvalidOperationException($"A query parameter of type {value}: say here how the document declares it.");
    }

    private static string Shape(Microsoft.OpenApi.OpenApiSchema schema) =>
        schema.Format is { } format ? $"{schema.Type.ToString()!.ToLowerInvariant()}/{format}" : schema.Type.ToString()!.ToLowerInvariant();

    private static string Shape(JsonNode schema) =>
        schema["format"] is { } format ? $"{schema["type"]!.GetValue<string>()}/{format.GetValue<string>()}" : schema["type"]!.GetValue<string>();

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    /// <summary>Reading the query string: an indexer on it, the collection itself, or its type.</summary>
    [GeneratedRegex(@"\.Query\s*\[|\bRequest\.Query\b|\bIQueryCollection\b")]
    private static partial Regex ReadsQuery();
}
