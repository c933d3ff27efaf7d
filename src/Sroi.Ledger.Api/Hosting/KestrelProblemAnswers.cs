using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// Kestrel refuses some requests before any middleware runs — a <c>%00</c> in the path or a malformed request line
/// (400), a request line over 8 KiB (414), headers over 32 KiB (431) — and answers them with no body and no content
/// type. ASP.NET Core has no hook for those answers, so this connection middleware watches what Kestrel writes: an
/// answer that is a 4xx or 5xx with <c>Content-Length: 0</c>, <c>Connection: close</c> and no <c>Content-Type</c> is
/// Kestrel's own (the application never sends an empty error: UseStatusCodePages fills those), and gets a problem+json
/// body. Kestrel closes such a connection after the answer, so nothing follows it on the wire.
/// </summary>
public static class KestrelProblemAnswers
{
    public static IConnectionBuilder UseKestrelProblemAnswers(this ListenOptions listen) => listen.Use(next => async connection =>
    {
        var transport = connection.Transport;
        await using var watched = new AnswerStream(transport.Output.AsStream(leaveOpen: true));
        var output = PipeWriter.Create(watched, new StreamPipeWriterOptions(leaveOpen: true));
        connection.Transport = new Duplex(transport.Input, output);
        try
        {
            await next(connection);
        }
        finally
        {
            await output.CompleteAsync();
            connection.Transport = transport;
        }
    });

    /// <summary>
    /// The header block with a problem+json body, when <paramref name="written"/> is exactly one of Kestrel's empty
    /// error answers; otherwise null.
    /// </summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        if (written.Length > 4096 || !written.StartsWith("HTTP/1.1 "u8) || !written.EndsWith("\r\n\r\n"u8)) return null;
        var lines = Encoding.ASCII.GetString(written[..^4]).Split("\r\n");
        if (lines[0].Length < 12 || !int.TryParse(lines[0].AsSpan(9, 3), out var status) || status < 400) return null;
        var headers = lines.Skip(1).ToList();
        if (!headers.Any(h => Is(h, "Content-Length", "0")) || !headers.Any(h => Is(h, "Connection", "close"))
            || headers.Any(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))) return null;

        var body = Body(status, lines[0].Length > 13 ? lines[0][13..] : "Error");
        var answer = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var header in headers.Where(h => !h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
            answer.Append(header).Append("\r\n");
        answer.Append("Content-Type: application/problem+json\r\n")
            .Append("API-Version: ").Append(ApiVersionHeader.Version).Append("\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(answer.ToString()), .. body];
    }

    private static bool Is(string header, string name, string value) =>
        header.Split(':', 2) is [var n, var v] && n.Equals(name, StringComparison.OrdinalIgnoreCase) && v.Trim().Equals(value, StringComparison.OrdinalIgnoreCase);

    private static byte[] Body(int status, string title) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["type"] = "https://sroi-ledger.nl/problems/" + status switch
        {
            413 => "payload-too-large",
            414 => "uri-too-long",
            431 => "headers-too-large",
            _ => "invalid-request",
        },
        ["title"] = title,
        ["status"] = status,
        ["detail"] = status switch
        {
            400 => "The request line or a header is malformed (for example a %00 in the path, or a control character in a header).",
            408 => "The request did not arrive in time.",
            413 => "The body is larger than the service accepts.",
            414 => "The path and query are too long: the request line may be at most 8 KiB.",
            431 => "The request headers are too large: at most 32 KiB in all, and 100 headers.",
            _ => "The service could not read the request.",
        },
    });

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>
    /// The connection's output. The first write after a flush starts whatever Kestrel writes next; Kestrel flushes at the
    /// end of every answer, so one of its own error answers (headers only, written and flushed at once) is one such write.
    /// </summary>
    private sealed class AnswerStream(Stream inner) : HttpConventions.WriteOnlyStream
    {
        private bool afterFlush = true;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var first = afterFlush;
            afterFlush = false;
            return first && Rewrite(buffer.Span) is { } answer
                ? inner.WriteAsync(answer, cancellationToken)
                : inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            afterFlush = true;
            return inner.FlushAsync(cancellationToken);
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
