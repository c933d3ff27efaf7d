using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>A JSON request body read by hand, so that every parse error becomes a 400 naming the field.</summary>
public sealed record RequestBody<T>(T Value, byte[] Fingerprint) where T : class
{
    /// <summary>The fields whose values did not parse (null in <see cref="Value"/>); the endpoint's validation adds its own.</summary>
    public FieldErrors Errors { get; init; } = new();
}

public static class RequestBody
{
    /// <summary>The API's JSON, with dates held to <see cref="DateBounds"/> (stored events are read without that check).</summary>
    internal static readonly JsonSerializerOptions Options = WithBoundedDates(LedgerJson.Options);

    /// <summary>
    /// The parsed body, or the problem: 415 without a JSON content type, 413 past <see cref="RequestBodyLimit"/> (read no
    /// further than that), 400 for JSON that is not well-formed (one error naming where it breaks), and 400 naming every
    /// field that did not parse (<see cref="BodyFields"/>): a value of the wrong type or format, an unknown field, a
    /// character no text may hold or a number written finer than any field allows (decided on the JSON text, before a
    /// rounding conversion).
    /// </summary>
    public static Task<(RequestBody<T>? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class =>
        ReadAsync<T>(request, partial: false, ct);

    /// <param name="partial">
    /// Whether the fields that did not parse are handed back in <see cref="RequestBody{T}.Errors"/> with the value of the
    /// others (for <see cref="JsonBody{T}"/>, whose endpoint adds its own validation and answers one 400), instead of
    /// being answered here. A body that cannot be read at all is a problem either way.
    /// </param>
    public static async Task<(RequestBody<T>? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, bool partial, CancellationToken ct)
        where T : class
    {
        if (!IsJson(request.ContentType))
            return (null, Problems.UnsupportedMediaType());
        var (charset, unknownCharset) = CharsetOf(request.ContentType);
        if (unknownCharset is not null) return (null, unknownCharset);

        var (bytes, tooLarge) = await ReadBoundedAsync(request, ct);
        if (tooLarge is not null) return (null, tooLarge);
        var (json, notInCharset) = AsUtf8(bytes.WrittenMemory, charset);
        if (notInCharset is not null) return (null, notInCharset);

        var (value, errors, refusal) = BodyFields.Read<T>(json, Options);
        if (refusal is not null) return (null, refusal);
        if (errors.Any && !partial) return (null, Problems.BadRequest(errors));
        return (new RequestBody<T>(value!, Fingerprint(request, json.Span)) { Errors = errors }, null);
    }

    /// <summary>
    /// The body's charset when it is not UTF-8 (null: UTF-8, or none given, which for JSON is UTF-8), or the 415 for one
    /// .NET does not know. A body in another charset is read in that charset: read as UTF-8 it would be refused as
    /// invalid text, or worse, read as other text (Latin-1 "Ã©" is UTF-8 "é").
    /// </summary>
    private static (System.Text.Encoding? Charset, IResult? Problem) CharsetOf(string? contentType)
    {
        var charset = MediaTypeHeaderValue.Parse(contentType).Charset.Value?.Trim('"');
        if (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return (null, null);
        try
        {
            // Strict: a byte that is no character of the charset is refused, not replaced by U+FFFD.
            return (System.Text.Encoding.GetEncoding(charset, System.Text.EncoderFallback.ExceptionFallback, System.Text.DecoderFallback.ExceptionFallback), null);
        }
        catch (ArgumentException)
        {
            return (null, Problems.UnsupportedMediaType($"The charset '{charset}' is not supported; send the JSON body as UTF-8."));
        }
    }

    /// <summary>
    /// The body as UTF-8 without a byte-order mark: JSON has none (RFC 8259 8.1 lets a reader ignore one), but editors
    /// and some Windows tools write it, and the reader would call the body malformed at its first byte.
    /// </summary>
    private static (ReadOnlyMemory<byte> Json, IResult? Problem) AsUtf8(ReadOnlyMemory<byte> body, System.Text.Encoding? charset)
    {
        if (charset is null) return (WithoutBom(body), null);
        try
        {
            return (WithoutBom(System.Text.Encoding.UTF8.GetBytes(charset.GetString(body.Span))), null);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (default, Problems.BadRequest("body", $"The body is not valid {charset.WebName} text, the charset its Content-Type names."));
        }
    }

    /// <summary>
    /// The body, read up to the limit and not a byte further: a larger Content-Length is refused before reading, a
    /// chunked body as soon as it passes the limit. Kestrel has the same limit (its refusal arrives as an exception).
    /// </summary>
    private static async Task<(ArrayBufferWriter<byte> Bytes, IResult? Problem)> ReadBoundedAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = RequestBodyLimit.Of(request.HttpContext).Bytes;
        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 4096, 1, limit + 1));
        if (request.ContentLength > limit)
        {
            // Not read, so not worth draining either: the connection closes after the answer.
            request.HttpContext.Response.Headers.Connection = "close";
            return (buffer, Problems.PayloadTooLarge(limit));
        }
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(4096), ct);
                if (read == 0) return (buffer, null);
                buffer.Advance(read);
                if (buffer.WrittenCount > limit) return (buffer, Problems.PayloadTooLarge(limit));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (buffer, Problems.PayloadTooLarge(limit));
        }
        catch (BadHttpRequestException e)
        {
            // A body Kestrel could not read (broken chunking, too slow): its status, as a problem.
            return (buffer, Results.Problem(statusCode: e.StatusCode, title: "The body could not be read.", detail: e.Message,
                type: "https://sroi-ledger.nl/problems/invalid-request"));
        }
    }

    /// <summary>application/json, with or without parameters (<c>; charset=utf-8</c>); <c>application/jsonx</c> is not.</summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && string.Equals(type.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);

    private static JsonSerializerOptions WithBoundedDates(JsonSerializerOptions options)
    {
        var bounded = new JsonSerializerOptions(options);
        bounded.Converters.Insert(0, new BoundedLocalDateJsonConverter());
        // A field given twice is refused, not read as its last value (BodyFields names it); stored events keep the default.
        bounded.AllowDuplicateProperties = false;
        // BodyFields asks for the shapes of request records (GetTypeInfo), which needs the resolver a first Deserialize would set.
        bounded.MakeReadOnly(populateMissingResolver: true);
        return bounded;
    }

    /// <summary>
    /// For commands whose fields are all optional (an acceptance with or without a note): no body at all is
    /// <paramref name="empty"/>; a body is read as by <see cref="ReadAsync{T}(HttpRequest, CancellationToken)"/>.
    /// </summary>
    public static Task<(RequestBody<T>? Body, IResult? Problem)> ReadOptionalAsync<T>(HttpRequest request, T empty, CancellationToken ct)
        where T : class =>
        ReadOptionalAsync(request, empty, partial: false, ct);

    /// <param name="partial">As for <see cref="ReadAsync{T}(HttpRequest, bool, CancellationToken)"/>.</param>
    public static async Task<(RequestBody<T>? Body, IResult? Problem)> ReadOptionalAsync<T>(HttpRequest request, T empty, bool partial, CancellationToken ct)
        where T : class
    {
        // No body: no length and not chunked. A chunked body without a content type is read, and so refused (415).
        if (request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null && request.Headers.TransferEncoding.Count == 0))
            return (new RequestBody<T>(empty, Fingerprint(request, [])), null);
        return await ReadAsync<T>(request, partial, ct);
    }

    private static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> json) =>
        json.Span.StartsWith("\uFEFF"u8) ? json[3..] : json;

    /// <summary>"$.contractor.kvkNumber" → "contractor.kvkNumber"; the whole body → "body".</summary>
    public static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.TrimStart('$', '.');

    private static byte[] Fingerprint(HttpRequest request, ReadOnlySpan<byte> body) =>
        SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"), .. body]);
}
