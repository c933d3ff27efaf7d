using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Sroi.Ledger.Api.Idempotency;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Writing;

/// <summary>
/// The answer of a ledger write, as a typed result: the endpoint's signature says what it answers (status and body
/// type), and the OpenAPI document learns it from the type. What goes on the wire is the stored answer
/// (<see cref="StoredResponse"/>: status, Location, ETag of the new version, the body as JSON), the same bytes the first
/// time and on every replay of its Idempotency-Key.
/// </summary>
public interface IWrittenAnswer<TSelf> : IResult where TSelf : IWrittenAnswer<TSelf>
{
    /// <summary>The answer as it is stored and sent, with the ETag of the version the write made.</summary>
    StoredResponse Store(long newVersion);

    /// <summary>An answer as stored: sent as it was the first time; a replay says so (<c>Idempotent-Replayed: true</c>).</summary>
    static abstract TSelf Of(StoredResponse stored, bool replayed);
}

/// <summary>What the two written answers share: the value before it is stored, and the stored answer after.</summary>
public abstract class WrittenAnswer<T>
{
    private protected WrittenAnswer(T? value, string? location, StoredResponse? stored, bool replayed)
    {
        Value = value;
        Location = location;
        Stored = stored;
        Replayed = replayed;
    }

    /// <summary>The body, on the answer a decision gives; a stored answer carries its JSON instead.</summary>
    public T? Value { get; }

    public string? Location { get; }

    private protected StoredResponse? Stored { get; }

    private protected bool Replayed { get; }

    private protected StoredResponse Store(int status, long newVersion) =>
        new(status, Location, HttpConventions.ETags.For(newVersion), JsonSerializer.Serialize(Value, LedgerJson.Options));

    public Task ExecuteAsync(HttpContext httpContext) =>
        (Stored ?? throw new InvalidOperationException("Only a stored answer is sent: the write function stores it with the new version."))
            .Write(httpContext, Replayed);

    private protected static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(T), ["application/json"]));
}

/// <summary>200 with the changed resource and the stream's new version as its ETag.</summary>
public sealed class Written<T> : WrittenAnswer<T>, IWrittenAnswer<Written<T>>, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    internal Written(T? value, StoredResponse? stored, bool replayed) : base(value, null, stored, replayed) { }

    public int? StatusCode => Stored?.StatusCode ?? StatusCodes.Status200OK;

    public StoredResponse Store(long newVersion) => Store(StatusCodes.Status200OK, newVersion);

    public static Written<T> Of(StoredResponse stored, bool replayed) => new(default, stored, replayed);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status200OK);
}

/// <summary>201 with the new resource, its Location and the stream's new version as its ETag.</summary>
public sealed class WrittenNew<T> : WrittenAnswer<T>, IWrittenAnswer<WrittenNew<T>>, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    internal WrittenNew(T? value, string? location, StoredResponse? stored, bool replayed) : base(value, location, stored, replayed) { }

    public int? StatusCode => Stored?.StatusCode ?? StatusCodes.Status201Created;

    public StoredResponse Store(long newVersion) => Store(StatusCodes.Status201Created, newVersion);

    public static WrittenNew<T> Of(StoredResponse stored, bool replayed) => new(default, stored.Location, stored, replayed);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status201Created);
}

/// <summary>The answers a decision gives.</summary>
public static class Answers
{
    public static Written<T> Changed<T>(T value) => new(value, null, false);

    public static WrittenNew<T> Created<T>(T value, string location) => new(value, location, null, false);
}
