namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// The largest request body the service reads (<c>SROI_MAX_REQUEST_BODY_BYTES</c>, 256 KiB by default: the largest
/// real body, a building-block table, is a few KiB). Kestrel is given the same limit, and <see cref="RequestBody"/>
/// stops reading at it, so a larger body is a 413 and never held in memory whole.
/// </summary>
public sealed record RequestBodyLimit(long Bytes)
{
    public const string Setting = "SROI_MAX_REQUEST_BODY_BYTES";
    public static readonly RequestBodyLimit Default = new(256 * 1024);

    public static RequestBodyLimit From(IConfiguration configuration)
    {
        if (configuration[Setting] is not { Length: > 0 } text) return Default;
        // At most 1 GiB: a body is held in memory while it is parsed.
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes)
            && bytes is >= 1024 and <= 1L << 30
            ? new RequestBodyLimit(bytes)
            : throw new InvalidOperationException($"{Setting} must be a whole number of bytes from 1024 to 1073741824; it is '{text}'.");
    }

    public static RequestBodyLimit Of(HttpContext http) => http.RequestServices.GetService<RequestBodyLimit>() ?? Default;
}
