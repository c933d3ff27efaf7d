using Microsoft.AspNetCore.Http.Features;

namespace Sroi.Ledger.DevIdentity.Login;

/// <summary>
/// Reads the posted login form within the limits of what the page itself sends (four short fields), so a body that is
/// not a form, is cut off, is huge or lacks a field is the client's mistake (a 400) and never an exception (a 500): the
/// framework's form reader throws on each of these, and <c>Request.Form</c> read without limits would buffer megabytes.
/// </summary>
internal static class LoginForm
{
    /// <summary>The whole body: the page's four fields are well under a kilobyte.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = 4 * 1024,
        MultipartBodyLengthLimit = MaxBodyBytes,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 1024,
    };

    /// <summary>The form, or the reason (in Dutch, for the person at the page) it is refused.</summary>
    public static async Task<(IFormCollection? Form, string? Problem)> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
            return (null, "Het inlogformulier moet als formulier (application/x-www-form-urlencoded) worden verstuurd.");
        if (context.Request.ContentLength > MaxBodyBytes)
            return (null, TooLarge);
        // Kestrel stops reading at this size (BadHttpRequestException) also when no Content-Length was sent (chunked).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxBodyBytes;

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(Limits, context.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            return (null, TooLarge);
        }
        // Over a limit of the reader, a multipart body without its boundary, a body cut off halfway.
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            return (null, "Het inlogformulier is onleesbaar of te groot: laad de inlogpagina opnieuw.");
        }

        foreach (var field in RequiredFields)
            if (form[field].Count != 1)
                return (null, $"Het inlogformulier mist het veld '{field}' (of bevat het meer dan eens): laad de inlogpagina opnieuw.");
        return (form, null);
    }

    private const string TooLarge = "Het inlogformulier is te groot: laad de inlogpagina opnieuw.";

    private static readonly string[] RequiredFields = ["username", "password"];
}
